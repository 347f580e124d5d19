import subprocess
import sys

import pytest
from sklearn.metrics import adjusted_rand_score
from synthetic import planted_votes

from secondtrack.core.opinion import OpinionInputError, OpinionModel, analyse


def ari(truth: dict[str, int], groups: dict[str, int]) -> float:
    voters = sorted(truth)
    return adjusted_rand_score([truth[v] for v in voters], [groups.get(v, -1) for v in voters])


def test_two_planted_groups_are_recovered():
    votes, truth = planted_votes(sizes=(40, 30), n_statements=30, seed=1)
    result = analyse(votes)
    assert result.n_groups == 2
    assert ari(truth, result.groups) == 1.0


def test_three_planted_groups_are_recovered():
    votes, truth = planted_votes(sizes=(30, 30, 30), n_statements=40, noise=0.05, seed=2)
    result = analyse(votes)
    assert ari(truth, result.groups) > 0.95


def test_a_room_of_fifteen_gets_groups_of_at_least_k():
    votes, truth = planted_votes(sizes=(8, 7), n_statements=10, seed=3)
    result = analyse(votes, k=3)
    assert result.n_groups == 2
    assert min(result.evidence["group_sizes"].values()) >= 3
    placed = {voter: truth[voter] for voter in result.groups}
    assert len(placed) >= 13  # the others voted on fewer than 7 of the 10 statements
    assert ari(placed, result.groups) == 1.0


def test_no_group_smaller_than_k_is_ever_output():
    votes, _ = planted_votes(sizes=(12, 12, 2), n_statements=12, noise=0.0, missing=0.0, seed=4)
    result = analyse(votes, k=3)
    sizes = result.evidence["group_sizes"].values()
    assert all(size >= 3 for size in sizes)
    assert sum(sizes) == 26  # the two outliers are merged into a group, not dropped


def test_too_few_clusterable_people_gives_no_groups_but_consensus_with_evidence():
    votes = [(f"v{i}", "s0", 1) for i in range(6)] + [("v6", "s0", -1), ("v7", "s0", 0)]
    result = analyse(votes, k=3, min_votes=2)
    assert result.groups == {}
    assert result.repness == {}
    assert result.evidence["n_groups"] == 0
    [item] = result.consensus
    assert item["evidence"].startswith("agreed by 6 of 8 people who reacted; holds in ")
    assert (item["n_agree"], item["n_disagree"], item["n_reacted"]) == (6, 1, 8)


def test_near_unanimity_is_coarsened_so_nobody_is_known_to_have_agreed():
    votes = [(f"v{i}", "s0", 1) for i in range(5)] + [("v5", "s0", -1)]
    [item] = analyse(votes, k=3, min_votes=2).consensus
    assert item["evidence"].startswith("agreed by all or all but one of 6 people who reacted")
    assert (item["n_agree"], item["n_disagree"], item["n_pass"]) == (None, None, None)


def test_a_statement_with_fewer_than_k_reactions_is_not_called_consensus():
    votes = [("a", "s0", 1), ("b", "s0", 1)] + [(v, "s1", 1) for v in "abcdef"]
    result = analyse(votes, k=3)
    assert [item["statement"] for item in result.consensus] == ["s1"]


def test_consensus_requires_a_majority_in_every_group():
    votes, _ = planted_votes(sizes=(15, 15), n_statements=12, noise=0.0, missing=0.0, seed=5)
    votes += [(f"v{i}", "shared", 1) for i in range(30)]
    result = analyse(votes)
    assert [item["statement"] for item in result.consensus] == ["shared"]
    item = result.consensus[0]
    unanimous = {"agree": None, "agree_label": "all or all but one of 15", "reacted": 15}
    assert item["groups"] == {"0": unanimous, "1": unanimous}
    assert item["evidence"].startswith("agreed by all or all but one of 30 people who reacted")


def test_representative_statements_are_the_ones_that_split_the_groups():
    votes, truth = planted_votes(sizes=(15, 15), n_statements=8, noise=0.0, missing=0.0, seed=6)
    votes += [(f"v{i}", "shared", 1) for i in range(30)]
    result = analyse(votes)
    for items in result.repness.values():
        assert items
        assert "shared" not in {item["statement"] for item in items}
        assert all(item["n_reacted"] == 15 for item in items)
        assert all("of 15 in group" in item["evidence"] for item in items)


def test_a_changed_vote_replaces_the_earlier_one():
    model = OpinionModel(k=3)
    model.add_votes([(v, "s0", 1) for v in "abcdefgh"])
    model.add_votes([("a", "s0", -1), ("b", "s0", 0)])
    assert model.result().evidence["n_votes"] == 8
    assert model.result().consensus[0]["n_agree"] == 6


def test_analyse_rejects_a_vote_that_is_not_agree_disagree_or_pass():
    with pytest.raises(OpinionInputError, match=r"vote #1 \('b' on 's0'\) is 2"):
        analyse([("a", "s0", 1), ("b", "s0", 2)])


def test_analyse_rejects_a_nonsense_k():
    with pytest.raises(OpinionInputError, match="k must be"):
        analyse([("a", "s0", 1)], k=0)


def test_an_empty_room_has_an_empty_result():
    result = analyse([])
    assert result.to_dict()["groups"] == {}
    assert result.consensus == []


def test_to_dict_has_the_interface_keys():
    votes, _ = planted_votes(sizes=(10, 10), n_statements=10, seed=7)
    data = analyse(votes).to_dict()
    assert set(data) >= {"groups", "consensus", "repness", "cross_line", "coords", "evidence"}
    assert all(isinstance(g, int) for g in data["groups"].values())
    assert set(data["repness"]) == {"0", "1"}


def test_the_library_imports_no_django():
    code = (
        "import sys, secondtrack.core.opinion as o; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
