from sklearn.metrics import adjusted_rand_score
from synthetic import planted_votes

from secondtrack.core.opinion import OpinionModel
from secondtrack.core.opinion.model import analyse as analyse_once  # the same model, one shot


def same_partition(a: dict[str, int], b: dict[str, int]) -> bool:
    voters = sorted(a)
    return (
        set(a) == set(b)
        and adjusted_rand_score([a[v] for v in voters], [b[v] for v in voters]) == 1.0
    )


def test_adding_a_few_votes_is_cheaper_than_a_fresh_run_and_gives_the_same_groups():
    # more statements than DIRECT_EIGH_MAX, so the PCA iterates (and can be warm-started)
    votes, _ = planted_votes(sizes=(150, 120), n_statements=150, seed=11)
    head, tail = votes[:-5], votes[-5:]
    model = OpinionModel()
    model.add_votes(head)
    first = model.result()
    model.add_votes(tail)
    updated = model.result()
    fresh = analyse_once(votes)

    assert first.work.full_rebuild and not updated.work.full_rebuild
    assert updated.work.covote_cells < fresh.work.covote_cells / 100
    assert updated.work.pca_iterations < fresh.work.pca_iterations
    assert updated.work.base_kmeans_iterations < fresh.work.base_kmeans_iterations
    assert updated.work.group_kmeans_iterations < fresh.work.group_kmeans_iterations
    assert updated.work.total_iterations() * 3 < fresh.work.total_iterations()
    assert same_partition(updated.groups, fresh.groups)
    assert [c["statement"] for c in updated.consensus] == [c["statement"] for c in fresh.consensus]


def test_incremental_votes_from_new_voters_and_statements_match_a_fresh_run():
    votes, _ = planted_votes(sizes=(30, 30), n_statements=20, seed=12)
    extra = [("newcomer", f"s{i}", 1) for i in range(10)] + [("v0", "late", 1), ("v1", "late", 0)]
    model = OpinionModel()
    model.add_votes(votes)
    model.result()
    for vote in extra:
        model.add_votes([vote])
    updated, fresh = model.result(), analyse_once(votes + extra)
    assert same_partition(updated.groups, fresh.groups)
    assert updated.evidence["n_votes"] == fresh.evidence["n_votes"]
    for voter, (x, y) in fresh.coords.items():
        ux, uy = updated.coords[voter]
        assert abs(ux - x) < 1e-3 and abs(uy - y) < 1e-3


def test_changing_votes_incrementally_matches_a_fresh_run():
    votes, _ = planted_votes(sizes=(25, 25), n_statements=16, seed=13)
    changes = [(v, s, -x) for v, s, x in votes[:8]]
    model = OpinionModel()
    model.add_votes(votes)
    model.result()
    model.add_votes(changes)
    updated, fresh = model.result(), analyse_once(votes + changes)
    assert same_partition(updated.groups, fresh.groups)
    assert updated.consensus == fresh.consensus
    assert updated.repness == fresh.repness


def test_result_is_cached_until_votes_arrive():
    votes, _ = planted_votes(sizes=(10, 10), n_statements=10, seed=14)
    model = OpinionModel().add_votes(votes)
    assert model.result() is model.result()
