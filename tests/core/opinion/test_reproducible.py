"""The same votes give the same groups, whatever the order; groups come with their stability,
and a room too small or too weakly structured gets no groups, only statements' agreement."""

import random

import numpy as np
from synthetic import planted_votes

from secondtrack.core.opinion import analyse, canonical_votes
from secondtrack.core.opinion.stable import MIN_GROUP_STABILITY, adjusted_rand


def test_shuffled_rows_give_identical_groups_consensus_and_stability():
    votes, _ = planted_votes(sizes=(14, 12, 6), n_statements=18, noise=0.25, missing=0.3, seed=3)
    first = analyse(votes, resamples=8)
    assert first.n_groups >= 2
    for draw in range(10):
        shuffled = votes[:]
        random.Random(draw).shuffle(shuffled)
        again = analyse(shuffled, resamples=8)
        assert again.groups == first.groups
        assert again.consensus == first.consensus
        assert again.stability == first.stability
        assert again.coords == first.coords


def test_participants_listed_in_another_order_get_the_same_groups():
    votes, _ = planted_votes(sizes=(15, 15), n_statements=15, noise=0.3, missing=0.2, seed=8)
    by_voter: dict[str, list] = {}
    for vote in votes:
        by_voter.setdefault(vote[0], []).append(vote)
    reversed_people = [v for voter in reversed(list(by_voter)) for v in by_voter[voter]]
    assert analyse(reversed_people, resamples=0).groups == analyse(votes, resamples=0).groups


def test_a_later_vote_still_replaces_the_earlier_after_reordering():
    votes = [("a", "s0", 1), ("b", "s0", 1), ("a", "s0", -1)]
    assert canonical_votes(votes) == [("a", "s0", -1), ("b", "s0", 1)]


def test_the_groups_draw_no_random_number(monkeypatch):
    from secondtrack.core.opinion import clustering

    def refuse(*args, **kwargs):
        raise AssertionError("the grouping drew a random number")

    votes, _ = planted_votes(sizes=(12, 10, 8), n_statements=16, noise=0.35, missing=0.3, seed=1)
    monkeypatch.setattr(clustering.np.random, "default_rng", refuse)
    assert analyse(votes, resamples=0).n_groups >= 2


def test_every_group_and_the_room_carry_a_stability():
    votes, truth = planted_votes(sizes=(20, 20), n_statements=20, noise=0.1, seed=2)
    result = analyse(votes)
    stability = result.stability
    assert set(stability["groups"]) == {"0", "1"}
    assert 0.9 <= stability["overall"] <= 1.0
    assert all(0.9 <= s <= 1.0 for s in stability["groups"].values())
    assert stability["groups_shown"] and stability["resamples"] == 20
    found = np.array([result.groups[v] for v in truth])
    assert adjusted_rand(found, np.array(list(truth.values()))) == 1.0


def test_a_room_of_eight_is_refused_groups_even_when_they_look_clear():
    votes, _ = planted_votes(sizes=(4, 4), n_statements=14, noise=0.0, missing=0.0, seed=0)
    votes += [(f"v{i}", "shared", 1) for i in range(7)] + [("v7", "shared", 0)]
    result = analyse(votes)
    assert result.groups == {} and result.repness == {}
    assert result.evidence["n_groups"] == 0
    assert "fewer than 12 people" in result.evidence["groups_note"]
    assert "only each statement's agreement is shown" in result.evidence["groups_note"]
    shared = [item for item in result.consensus if item["statement"] == "shared"]
    assert shared and "groups" not in shared[0]  # over the whole room, not per group
    assert len(result.coords) == 8  # the dots stay, without groups


def test_votes_without_structure_get_no_groups_and_say_why():
    rng = np.random.default_rng(5)
    votes = [
        (f"p{i}", f"s{j}", int(rng.choice([-1, 0, 1])))
        for i in range(30)
        for j in range(15)
        if rng.random() < 0.8
    ]
    result = analyse(votes)
    assert result.groups == {}
    assert min(result.stability["groups"].values()) < MIN_GROUP_STABILITY
    assert "does not hold when the room is resampled" in result.evidence["groups_note"]


def test_adjusted_rand_is_one_for_relabelled_partitions_and_low_for_unrelated():
    a = np.array([0, 0, 1, 1, 2, 2])
    assert adjusted_rand(a, np.array([5, 5, 3, 3, 9, 9])) == 1.0
    assert adjusted_rand(a, np.array([0, 1, 0, 1, 0, 1])) < 0.1
