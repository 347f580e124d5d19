"""Who is clustered, base clusters, opinion groups with k chosen by silhouette.

As in Polis: participants with at least min(7, statements) votes are clustered; their
2-D positions are summarised by up to 100 weighted "base clusters"; groups are weighted
k-means over the base clusters for 2..max_k groups, max_k = min(5, 2 + bases // 12), and
the number of groups with the best silhouette wins (a finer split must beat the best
coarser one by SILHOUETTE_MARGIN, in place of Polis's history-based k smoothing).
Unlike Polis, a group smaller than ``min_size`` is never kept: it is merged into the
nearest group before scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

POLIS_MIN_VOTES = 7
BASE_K = 100
MAX_GROUPS = 5
KMEANS_MAX_ITER = 300
GROUP_INITS = 4
ASSIGN_CHUNK = 4096
LARGE_ROOM = 20_000  # above this many clustered participants, see largebases
# A finer split must beat the best coarser one by this much silhouette to be chosen.
SILHOUETTE_MARGIN = 0.02


@dataclass
class KMeansFit:
    labels: np.ndarray
    centers: np.ndarray
    inertia: float
    iterations: int


@dataclass
class Grouping:
    """Participant rows clustered, their group labels, and how the choice was made."""

    rows: np.ndarray
    labels: np.ndarray
    n_groups: int
    silhouette: float | None
    silhouettes: dict[int, float] = field(default_factory=dict)
    merged_small_groups: int = 0


def clusterable_rows(
    row_counts: np.ndarray, n_statements: int, min_votes: int | None
) -> np.ndarray:
    """Rows with enough votes to be placed: Polis's min(7, statements) unless told otherwise."""
    threshold = min(POLIS_MIN_VOTES, n_statements) if min_votes is None else min_votes
    return np.flatnonzero(row_counts >= max(threshold, 1))


def square_norms(x: np.ndarray) -> np.ndarray:
    """``(x**2).sum(-1)``, bit for bit; for two columns without a reduction over an axis of two."""
    if x.shape[-1] == 2:
        a, b = x[..., 0], x[..., 1]
        return a * a + b * b
    return (x**2).sum(-1)


def _assign(
    points: np.ndarray, centers: np.ndarray, sq: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre and squared distance per point, in row chunks to bound memory."""
    sq = square_norms(points) if sq is None else sq
    csq = square_norms(centers)
    if points.shape[0] <= ASSIGN_CHUNK:
        d2 = sq[:, None] - 2.0 * points @ centers.T + csq
        labels = d2.argmin(1)
        return labels, np.maximum(np.take_along_axis(d2, labels[:, None], 1)[:, 0], 0.0)
    labels = np.empty(points.shape[0], dtype=np.int64)
    best = np.empty(points.shape[0])
    for start in range(0, points.shape[0], ASSIGN_CHUNK):
        part = slice(start, start + ASSIGN_CHUNK)
        d2 = sq[part, None] - 2.0 * points[part] @ centers.T + csq
        labels[part] = d2.argmin(1)
        best[part] = d2.min(1)
    return labels, np.maximum(best, 0.0)


def _means(
    points: np.ndarray, weights: np.ndarray, labels: np.ndarray, counts: np.ndarray, k: int
) -> np.ndarray:
    centers = np.empty((k, points.shape[1]))
    for axis in range(points.shape[1]):
        sums = np.bincount(labels, weights=weights * points[:, axis], minlength=k)
        centers[:, axis] = sums / np.maximum(counts, 1e-300)
    return centers


def weighted_kmeans(
    points: np.ndarray, weights: np.ndarray, centers: np.ndarray, max_iter: int = KMEANS_MAX_ITER
) -> KMeansFit:
    """Lloyd's algorithm from given centres; an emptied centre jumps to the worst-served point."""
    centers = centers.astype(np.float64).copy()
    k = centers.shape[0]
    sq = square_norms(points)
    labels = np.full(points.shape[0], -1)
    final = None  # squared distances to the final centres, when the last assignment had them
    for iteration in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
        new_labels, d2 = _assign(points, centers, sq)
        counts = np.bincount(new_labels, weights=weights, minlength=k)
        exact = True
        if not counts.all():
            exact = False
            for empty in np.flatnonzero(counts == 0):
                far = int(np.argmax(d2))
                new_labels[far], d2[far] = empty, 0.0
                counts = np.bincount(new_labels, weights=weights, minlength=k)
        if np.array_equal(new_labels, labels):
            final = d2 if exact else None
            break
        labels = new_labels
        centers = _means(points, weights, labels, counts, k)
    if final is None:
        _, final = _assign(points, centers, sq)
    return KMeansFit(labels, centers, float((weights * final).sum()), iteration)


def kmeans_runs(
    points: np.ndarray,
    weights: np.ndarray,
    starts: list[np.ndarray],
    max_iter: int = KMEANS_MAX_ITER,
) -> list[KMeansFit]:
    """``weighted_kmeans`` from several starts (each k x dims, k may differ) at once.

    Run by run identical to ``weighted_kmeans``: runs with fewer centres are padded with
    centres no point may join, and a run that has converged is frozen while others go on.
    """
    runs, width, n = len(starts), max(s.shape[0] for s in starts), points.shape[0]
    centers = np.zeros((runs, width, points.shape[1]))
    real = np.zeros((runs, width), dtype=bool)
    for r, start in enumerate(starts):
        centers[r, : start.shape[0]] = start
        real[r, : start.shape[0]] = True
    padded = np.where(real, 0.0, np.inf)  # added to the centres' squared norms
    sq = square_norms(points)[None, :, None]
    twice = 2.0 * points  # (2 p) . c is 2 (p . c) exactly: scaling by two is exact
    dims = points.shape[1]
    # one bincount for every axis: cell (axis, run, centre) <- weight * coordinate
    weighted = np.tile(np.stack([weights * points[:, a] for a in range(dims)]), (1, runs))
    offsets = (np.arange(runs) * width)[:, None]
    tiled = np.tile(weights, runs)
    labels = np.full((runs, n), -1)
    iterations = np.full(runs, max_iter)
    # the runs still going on; settled runs are dropped from the arrays (every computation
    # is per run, so a run's numbers do not depend on which others are computed with it)
    live = np.arange(runs)
    now_centers, now_labels, now_padded, now_real = centers.copy(), labels.copy(), padded, real
    axis_offsets = axis_weights = None
    for iteration in range(1, max_iter + 1):
        a = live.size
        cells = a * width
        d2 = sq - twice @ now_centers.transpose(0, 2, 1)
        csq = square_norms(now_centers)
        csq += now_padded  # (x + c) + 0 is x + (c + 0): the same sums as adding it to d2
        d2 += csq[:, None, :]
        new_labels = d2.argmin(2)
        flat = (new_labels + offsets[:a]).ravel()
        counts = np.bincount(flat, weights=tiled[: a * n], minlength=cells).reshape(a, width)
        empty = (counts == 0) & now_real
        if empty.any():
            for row in np.flatnonzero(empty.any(1)).tolist():
                best = np.maximum(d2[row].min(1), 0.0)
                k = int(now_real[row].sum())
                for gap in np.flatnonzero(counts[row, :k] == 0):
                    far = int(np.argmax(best))
                    new_labels[row, far], best[far] = gap, 0.0
                    counts[row, :k] = np.bincount(new_labels[row], weights=weights, minlength=k)
        settled = (new_labels == now_labels).all(1)
        if settled.any():
            done = live[settled]
            iterations[done] = iteration
            centers[done] = now_centers[settled]
            labels[done] = now_labels[settled]
            going = ~settled
            if not going.any():
                break
            live, now_centers, new_labels = live[going], now_centers[going], new_labels[going]
            counts, now_padded, now_real = counts[going], now_padded[going], now_real[going]
            a = live.size
            cells = a * width
            axis_offsets = None
        if axis_offsets is None:
            axis_offsets = (np.arange(dims) * cells)[:, None]
            axis_weights = weighted[:, : a * n].ravel()
        now_labels = new_labels
        flat = ((now_labels + offsets[:a]).ravel()[None, :] + axis_offsets).ravel()
        sums = np.bincount(flat, weights=axis_weights, minlength=dims * cells)
        fresh = sums.reshape(dims, a, width) / np.maximum(counts, 1e-300)
        now_centers = np.ascontiguousarray(fresh.transpose(1, 2, 0))
    else:
        centers[live], labels[live] = now_centers, now_labels
    # the inertia of every run in one computation, with _assign's arithmetic
    d2 = sq - twice @ centers.transpose(0, 2, 1)
    csq = square_norms(centers)
    csq += padded
    d2 += csq[:, None, :]
    best = np.maximum(np.take_along_axis(d2, d2.argmin(2)[:, :, None], 2)[:, :, 0], 0.0)
    inertia = (weights * best).sum(1).tolist()
    return [
        KMeansFit(labels[r], centers[r, : start.shape[0]].copy(), inertia[r], int(iterations[r]))
        for r, start in enumerate(starts)
    ]


def kmeans_plus_plus(
    points: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """k-means++ starts: each next centre drawn with probability weight x squared distance.

    The same draws as ``rng.choice(n, p=p / p.sum())`` (one uniform number per pick, the
    first index whose cumulative share passes it), without its argument checks.
    """
    last = points.shape[0] - 1  # (u * total can round up to total)
    cdf = weights.cumsum()
    chosen = [min(int(cdf.searchsorted(rng.random() * cdf[-1], side="right")), last)]
    flat = points.shape[1] == 2
    xs, ys = points[:, 0], points[:, 1]  # used only when the points are 2-D
    d2 = square_norms(points - points[chosen[0]])
    unit = bool((weights == 1.0).all())  # then weights * d2 is d2, bit for bit
    for _ in range(1, k):
        cdf = d2.cumsum() if unit else (weights * d2).cumsum()
        if cdf[-1] > 0:
            pick = min(int(cdf.searchsorted(rng.random() * cdf[-1], side="right")), last)
        else:
            pick = int(np.argmax(d2))
        chosen.append(pick)
        if flat:  # the same sums as below, without the generic reduction's overhead
            dx, dy = xs - xs[pick], ys - ys[pick]
            np.minimum(d2, dx * dx + dy * dy, out=d2)
        else:
            d2 = np.minimum(d2, ((points - points[pick]) ** 2).sum(1))
    return points[chosen]


def base_clusters(
    coords: np.ndarray, previous: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(centres, weights, label per point, iterations): each point alone when there are few.

    For rooms above LARGE_ROOM points, see ``largebases``.
    """
    n = coords.shape[0]
    if n <= BASE_K:
        return coords.copy(), np.ones(n), np.arange(n), 0
    weights = np.ones(n)
    if previous is not None and previous.shape[0] == BASE_K:
        start = previous
    else:
        start = kmeans_plus_plus(coords, weights, BASE_K, np.random.default_rng(0))
    fit = weighted_kmeans(coords, weights, start, max_iter=50)
    counts = np.bincount(fit.labels, minlength=BASE_K).astype(np.float64)
    return fit.centers, counts, fit.labels, fit.iterations


def distances(points: np.ndarray) -> np.ndarray:
    if points.shape[1] == 2:  # the same sums, without a reduction over an axis of two
        dx = points[:, None, 0] - points[None, :, 0]
        dy = points[:, None, 1] - points[None, :, 1]
        dx *= dx
        dy *= dy
        dx += dy
        return np.sqrt(dx, out=dx)
    return np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))


def weighted_silhouette(
    points: np.ndarray, weights: np.ndarray, labels: np.ndarray, dist: np.ndarray | None = None
) -> float:
    """Mean silhouette of weighted points (a base cluster stands for its members)."""
    groups = np.unique(labels)
    if groups.size < 2:
        return -1.0
    dist = distances(points) if dist is None else dist
    member = (labels[:, None] == groups[None, :]).astype(np.float64) * weights[:, None]
    sums = dist @ member
    sizes = member.sum(0)
    own = np.searchsorted(groups, labels)
    rows = np.arange(points.shape[0])
    own_other = sizes[own] - weights
    a = np.divide(sums[rows, own], own_other, out=np.zeros(rows.size), where=own_other > 0)
    mean_to = sums / sizes[None, :]
    mean_to[rows, own] = np.inf
    b = mean_to.min(1)
    s = np.where(own_other > 0, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float((s * weights).sum() / weights.sum())


def merge_small_groups(
    points: np.ndarray, weights: np.ndarray, labels: np.ndarray, min_size: float, sizes: np.ndarray
) -> tuple[np.ndarray, int]:
    """Fold every group with fewer than ``min_size`` people into the nearest remaining group."""
    labels = labels.copy()
    merged = 0
    while True:
        present = np.unique(labels)
        people = np.bincount(labels, weights=sizes)[present]  # whole numbers: exact sums
        if present.size < 2 or people.min() >= min_size:
            return labels, merged
        small = present[int(np.argmin(people))]
        centre = np.average(points[labels == small], axis=0, weights=weights[labels == small])
        others = [g for g in present if g != small]
        centres = np.array(
            [np.average(points[labels == g], axis=0, weights=weights[labels == g]) for g in others]
        )
        labels[labels == small] = others[int(np.argmin(((centres - centre) ** 2).sum(1)))]
        merged += 1


def group_candidates(
    centers: np.ndarray,
    weights: np.ndarray,
    previous: dict[int, np.ndarray],
    max_groups: int = MAX_GROUPS,
) -> tuple[dict[int, KMeansFit], int]:
    """K-means over base clusters for each k in 2..max_k; warm from previous centres if any."""
    n = centers.shape[0]
    top = min(max_groups, 2 + n // 12, n)
    starts: list[np.ndarray] = []
    cold = [k for k in range(2, top + 1) if k not in previous or previous[k].shape != (k, 2)]
    # k-means++ picks centres one by one from its seed's stream, so the first k picks of a
    # run for the largest k are exactly the run for k: draw once per seed, take prefixes.
    seeded = [
        kmeans_plus_plus(centers, weights, max(cold), np.random.default_rng(seed))
        for seed in range(GROUP_INITS if cold else 0)
    ]
    for k in range(2, top + 1):
        if k in cold:
            starts += [picks[:k] for picks in seeded]
        else:
            starts.append(previous[k])
    fits: dict[int, KMeansFit] = {}
    work = 0
    for fit in kmeans_runs(centers, weights, starts):
        work += fit.iterations
        k = fit.centers.shape[0]
        if k not in fits or fit.inertia < fits[k].inertia - 1e-12:
            fits[k] = fit
    return fits, work


def choose_groups(
    centers: np.ndarray, weights: np.ndarray, fits: dict[int, KMeansFit], min_size: int
) -> tuple[np.ndarray | None, float | None, dict[int, float], int]:
    """Best-silhouette labelling of base clusters after merging groups under ``min_size``."""
    best: tuple[np.ndarray, float, int] | None = None
    scores: dict[int, float] = {}
    dist = distances(centers)
    for k, fit in sorted(fits.items()):
        labels, merged = merge_small_groups(centers, weights, fit.labels, min_size, weights)
        if np.unique(labels).size < 2:
            continue
        score = weighted_silhouette(centers, weights, labels, dist)
        scores[k] = score
        if best is None or score > best[1] + SILHOUETTE_MARGIN:
            best = (labels, score, merged)
    if best is None:
        return None, None, scores, 0
    return best[0], best[1], scores, best[2]


def relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Groups numbered 0, 1, ... from the largest; ties by first appearance."""
    present, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(present.size), key=lambda i: (-counts[i], first[i]))
    lookup = np.zeros(int(present.max()) + 1, dtype=np.int64)
    lookup[present[order]] = np.arange(present.size)
    return lookup[labels]


def relabel_bases(base_labels: np.ndarray, base_of: np.ndarray) -> np.ndarray:
    """``relabel_by_size`` of the participants' groups, computed on the base clusters.

    Returns the new group of every base; ``result[base_of]`` equals
    ``relabel_by_size(base_labels[base_of])``.
    """
    n_bases, n_groups = base_labels.size, int(base_labels.max()) + 1
    first = np.full(n_bases, base_of.size)
    np.minimum.at(first, base_of, np.arange(base_of.size))
    members = np.bincount(base_of, minlength=n_bases)
    people = np.bincount(base_labels, weights=members, minlength=n_groups)
    group_first = np.full(n_groups, base_of.size)
    np.minimum.at(group_first, base_labels, first)
    present = np.flatnonzero(people > 0)
    order = sorted(present.tolist(), key=lambda g: (-people[g], group_first[g]))
    lookup = np.zeros(n_groups, dtype=np.int64)
    lookup[order] = np.arange(len(order))
    return lookup[base_labels]


# -- reproducible groups: the best of many deterministic starts on canonical order ---------

CONSENSUS_RESTARTS = 16


def deterministic_starts(
    points: np.ndarray, weights: np.ndarray, k: int, n_starts: int
) -> list[np.ndarray]:
    """``n_starts`` sets of k starting centres, drawn without any random number.

    The first centres are a farthest-point traversal from the heaviest point (ties to the
    lowest index); from each, the next centres are picked greedily where weight x squared
    distance to the chosen ones is largest: k-means++'s rule with the argmax in place of
    the draw. So the starts depend on the points only, not on a seed.
    """
    n = points.shape[0]
    n_starts = min(n_starts, n)
    first = [int(np.argmax(weights))]
    d2 = square_norms(points - points[first[0]])
    while len(first) < n_starts:
        pick = int(np.argmax(d2))
        if d2[pick] <= 0:
            rest = [i for i in range(n) if i not in first]
            first += rest[: n_starts - len(first)]
            break
        first.append(pick)
        np.minimum(d2, square_norms(points - points[pick]), out=d2)
    chosen = np.asarray(first)[:, None]
    near = square_norms(points[None, :, :] - points[chosen[:, 0]][:, None, :])
    for _ in range(1, k):
        score = near * weights[None, :]
        pick = score.argmax(1)
        chosen = np.hstack([chosen, pick[:, None]])
        near = np.minimum(near, square_norms(points[None, :, :] - points[pick][:, None, :]))
    return [points[row] for row in chosen]


def consensus_candidates(
    centers: np.ndarray,
    weights: np.ndarray,
    restarts: int = CONSENSUS_RESTARTS,
    max_groups: int = MAX_GROUPS,
) -> tuple[dict[int, KMeansFit], int]:
    """For each k in 2..max_k: the best (lowest inertia) of ``restarts`` k-means runs from
    ``deterministic_starts``, the first in start order on a tie (relative 1e-9).

    No random number is drawn, so on canonically ordered points the groups are a function
    of the votes alone: the same whatever the row order, and there is no seed to vary.
    """
    n = centers.shape[0]
    top = min(max_groups, 2 + n // 12, n)
    if top < 2:
        return {}, 0
    seeded = deterministic_starts(centers, weights, top, restarts)
    starts = [picks[:k] for k in range(2, top + 1) for picks in seeded]
    fits: dict[int, KMeansFit] = {}
    work = 0
    for fit in kmeans_runs(centers, weights, starts):
        work += fit.iterations
        k = fit.centers.shape[0]
        if k not in fits or fit.inertia < fits[k].inertia * (1 - 1e-9) - 1e-12:
            fits[k] = fit
    return fits, work
