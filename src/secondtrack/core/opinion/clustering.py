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


def _assign(points: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d2 = (points**2).sum(1)[:, None] - 2.0 * points @ centers.T + (centers**2).sum(1)[None, :]
    labels = d2.argmin(1)
    return labels, np.maximum(d2[np.arange(points.shape[0]), labels], 0.0)


def weighted_kmeans(
    points: np.ndarray, weights: np.ndarray, centers: np.ndarray, max_iter: int = KMEANS_MAX_ITER
) -> KMeansFit:
    """Lloyd's algorithm from given centres; an emptied centre jumps to the worst-served point."""
    centers = centers.astype(np.float64).copy()
    k = centers.shape[0]
    labels = np.full(points.shape[0], -1)
    for iteration in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
        new_labels, d2 = _assign(points, centers)
        counts = np.bincount(new_labels, weights=weights, minlength=k)
        for empty in np.flatnonzero(counts == 0):
            far = int(np.argmax(d2))
            new_labels[far], d2[far] = empty, 0.0
            counts = np.bincount(new_labels, weights=weights, minlength=k)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for axis in range(points.shape[1]):
            sums = np.bincount(labels, weights=weights * points[:, axis], minlength=k)
            centers[:, axis] = sums / np.maximum(counts, 1e-300)
    _, d2 = _assign(points, centers)
    return KMeansFit(labels, centers, float((weights * d2).sum()), iteration)


def kmeans_plus_plus(
    points: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    chosen = [int(rng.choice(points.shape[0], p=weights / weights.sum()))]
    d2 = ((points - points[chosen[0]]) ** 2).sum(1)
    for _ in range(1, k):
        p = weights * d2
        total = p.sum()
        pick = int(rng.choice(points.shape[0], p=p / total)) if total > 0 else int(np.argmax(d2))
        chosen.append(pick)
        d2 = np.minimum(d2, ((points - points[pick]) ** 2).sum(1))
    return points[chosen]


def base_clusters(
    coords: np.ndarray, previous: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(centres, weights, label per point, iterations): each point alone when there are few."""
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


def weighted_silhouette(points: np.ndarray, weights: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of weighted points (a base cluster stands for its members)."""
    groups = np.unique(labels)
    if groups.size < 2:
        return -1.0
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
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
        people = np.array([sizes[labels == g].sum() for g in present])
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
    fits: dict[int, KMeansFit] = {}
    work = 0
    for k in range(2, top + 1):
        if k in previous and previous[k].shape == (k, 2):
            fits[k] = weighted_kmeans(centers, weights, previous[k])
            work += fits[k].iterations
            continue
        best: KMeansFit | None = None
        for seed in range(GROUP_INITS):
            start = kmeans_plus_plus(centers, weights, k, np.random.default_rng(seed))
            fit = weighted_kmeans(centers, weights, start)
            work += fit.iterations
            if best is None or fit.inertia < best.inertia - 1e-12:
                best = fit
        assert best is not None
        fits[k] = best
    return fits, work


def choose_groups(
    centers: np.ndarray, weights: np.ndarray, fits: dict[int, KMeansFit], min_size: int
) -> tuple[np.ndarray | None, float | None, dict[int, float], int]:
    """Best-silhouette labelling of base clusters after merging groups under ``min_size``."""
    best: tuple[np.ndarray, float, int] | None = None
    scores: dict[int, float] = {}
    for k, fit in sorted(fits.items()):
        labels, merged = merge_small_groups(centers, weights, fit.labels, min_size, weights)
        if np.unique(labels).size < 2:
            continue
        score = weighted_silhouette(centers, weights, labels)
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
    mapping = {int(present[i]): rank for rank, i in enumerate(order)}
    return np.array([mapping[int(x)] for x in labels], dtype=np.int64)
