"""The fast paths give what the plain computations give: exact sums, the same k-means runs,
the same labels; and the large-room path (exercised here on a small room) recovers groups."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from synthetic import planted_votes

from secondtrack.core.opinion import OpinionModel, clustering, largebases, model
from secondtrack.core.opinion import projection as pr
from secondtrack.core.opinion.counts import count_votes
from secondtrack.core.opinion.matrix import VoteMatrix, mask_of, split_votes
from secondtrack.core.opinion.model import analyse as analyse_once  # the same model, one shot
from secondtrack.core.opinion.result import LazyMap


def dense(matrix):
    votes = sum(p.toarray() for p in matrix.parts())
    voted = sum(mask_of(p).toarray() for p in matrix.parts())
    return votes.T @ votes, votes.T @ voted, voted.T @ voted


@pytest.mark.parametrize("cells", [pr.DENSE_CELLS, 0])  # dense products, packed sparse ones
def test_co_vote_sums_are_exact_on_both_paths(monkeypatch, cells):
    votes, _ = planted_votes(sizes=(40, 30), n_statements=25, seed=3)
    matrix = VoteMatrix()
    matrix.add_bulk(votes)
    monkeypatch.setattr(pr, "DENSE_CELLS", cells)
    sums = pr.CoVoteSums.build(matrix)
    for got, want in zip((sums.P, sums.Q, sums.N), dense(matrix), strict=True):
        assert np.array_equal(got, want)


@pytest.mark.parametrize("mirror_from", [10_000, 5])  # bit-for-bit rows and columns, mirrored
def test_gram_kept_across_updates_matches_a_fresh_assembly(monkeypatch, mirror_from):
    monkeypatch.setattr(pr, "MIRROR_FROM", mirror_from)
    votes, _ = planted_votes(sizes=(60, 60), n_statements=30, seed=4)
    m = OpinionModel().add_votes(votes)
    m.result()
    m.add_votes([("v1", "s3", -1), ("v2", "s4", 0), ("new", "s5", 1), ("v3", "fresh", 1)])
    kept = m._sums.gram(m.matrix.column_means()).copy()
    fresh = pr.CoVoteSums.build(m.matrix).gram(m.matrix.column_means())
    assert np.allclose(kept, fresh, atol=1e-9)


def test_batched_k_means_runs_are_the_single_runs():
    rng = np.random.default_rng(0)
    points = np.r_[rng.normal(0, 1, (50, 2)), rng.normal(4, 1, (40, 2))]
    weights = rng.integers(1, 4, 90).astype(float)
    starts = [points[rng.choice(90, k, replace=False)] for k in (2, 2, 3, 5, 4)]
    for fit, start in zip(clustering.kmeans_runs(points, weights, starts), starts, strict=True):
        alone = clustering.weighted_kmeans(points, weights, start)
        assert np.array_equal(fit.labels, alone.labels)
        assert np.array_equal(fit.centers, alone.centers)
        assert fit.iterations == alone.iterations and fit.inertia == alone.inertia


def test_relabelling_on_bases_equals_relabelling_participants():
    rng = np.random.default_rng(1)
    for _ in range(20):
        base_of = rng.integers(0, 30, 200)
        base_labels = rng.integers(0, 4, 30)
        want = clustering.relabel_by_size(base_labels[base_of])
        got = clustering.relabel_bases(base_labels, base_of)[base_of]
        assert np.array_equal(got, want)


def test_counts_kept_per_base_match_a_fresh_count():
    votes, _ = planted_votes(sizes=(30, 30, 20), n_statements=20, seed=5)
    m = OpinionModel().add_votes(votes)
    m.result()
    m.add_votes([("v0", "s1", -1), ("v5", "s2", 0), ("late", "s3", 1)])
    updated = m.result()
    fresh = analyse_once(votes + [("v0", "s1", -1), ("v5", "s2", 0), ("late", "s3", 1)])
    assert updated.consensus == fresh.consensus and updated.repness == fresh.repness
    kept = m._base_counts
    want = count_votes(m.matrix, kept.row_base, kept.n_bases)
    for got_part, want_part in zip(
        (kept.counts.agree, kept.counts.disagree, kept.counts.reacted),
        (want.agree, want.disagree, want.reacted),
        strict=True,
    ):
        assert np.array_equal(got_part, want_part)


def test_step_with_bounds_gives_the_nearest_seeds():
    rng = np.random.default_rng(2)
    points = rng.normal(0, 1, (5000, 2))
    seeds = rng.normal(0, 1, (100, 2))
    labels, upper, lower = largebases.nearest_two(points, seeds)
    state = largebases._settle(seeds, np.arange(5000), points, labels, upper, lower, 5000)
    for scale in (1e-3, 1e-2, 0.2):
        moved = points + rng.normal(0, scale, points.shape)
        state = largebases.step_large(state, moved, np.arange(5000))
        assert np.array_equal(state.labels, largebases.nearest_two(moved, seeds)[0])
        points = moved
    assert state.remeasured < 5000


def test_small_rooms_keep_plain_dicts_and_no_large_bases():
    votes, _ = planted_votes(sizes=(80, 70), n_statements=20, seed=6)
    m = OpinionModel().add_votes(votes)
    result = m.result()
    assert type(result.groups) is dict and type(result.coords) is dict
    assert m._large is None


def test_the_large_room_path_recovers_planted_groups(monkeypatch):
    monkeypatch.setattr(model, "LARGE_ROOM", 200)
    monkeypatch.setattr(largebases, "SAMPLE", 150)
    votes, truth = planted_votes(sizes=(150, 120, 90), n_statements=30, seed=7)
    m = OpinionModel().add_votes(votes)
    result = m.result()
    assert isinstance(result.groups, LazyMap) and m._large is not None
    voters = sorted(truth)
    assert adjusted_rand_score([truth[v] for v in voters], [result.groups[v] for v in voters]) > 0.9
    assert dict(result.coords) == result.coords and len(result.coords) == 360
    m.add_votes([("v1", "s2", 1), ("v200", "s3", -1)])
    updated = m.result()
    assert not updated.work.full_rebuild and updated.work.base_kmeans_iterations == 1
    assert (
        adjusted_rand_score([truth[v] for v in voters], [updated.groups[v] for v in voters]) > 0.9
    )


@pytest.mark.parametrize("seed", range(6))
def test_bulk_triples_load_like_the_general_path(seed):
    rng = np.random.default_rng(seed)
    voters = [f"v{i}" for i in range(int(rng.integers(1, 40)))]
    statements = [f"s{i}" for i in range(int(rng.integers(1, 30)))]
    votes = [
        (voters[rng.integers(len(voters))], statements[rng.integers(len(statements))], v)
        for v in rng.integers(-1, 2, int(rng.integers(1, 300))).tolist()  # repeats: last wins
    ]
    if seed % 3 == 1:
        votes = [(a, b, v > 0) for a, b, v in votes]  # bools are votes too
    skip = (
        set(rng.choice(statements, len(statements) // 2, replace=False).tolist())
        if seed % 2
        else set()
    )
    fast, plain = VoteMatrix(), VoteMatrix()
    kept = fast.load_triples(votes, skip)
    assert kept == plain.merge_columns(*split_votes(votes), skip)
    for name in ("voters", "statements", "voter_index", "statement_index", "skipped"):
        assert getattr(fast, name) == getattr(plain, name)
    for name in ("_indptr", "_indices", "_vals", "row_counts", "col_sums", "col_counts", "col_abs"):
        got, want = getattr(fast, name), getattr(plain, name)
        assert np.array_equal(got, want) and got.dtype == want.dtype


def test_bulk_triples_leave_odd_input_to_the_general_path():
    assert VoteMatrix().load_triples([(1, 2, 1)]) is None  # ids made strings there
    assert VoteMatrix().load_triples([("a", "b", 1.5)]) is None  # refused there
    assert VoteMatrix().load_triples([("a", "b", 1, 0)]) is None
    assert VoteMatrix().load_triples([(["a"], "b", 1)]) is None  # unhashable
    assert OpinionModel().add_votes([(1, 2, 1.0)]).matrix.voters == ["1"]


def test_two_column_shortcuts_are_bit_for_bit():
    rng = np.random.default_rng(0)
    for scale in (1e-6, 1.0, 1e6):
        points = rng.standard_normal((50, 2)) * scale
        assert np.array_equal(clustering.square_norms(points), (points**2).sum(1))
        plain = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
        assert np.array_equal(clustering.distances(points), plain)
