"""Base clusters of a large room, kept between updates with distance bounds.

Above LARGE_ROOM clustered participants, ~100 base seeds are fitted by k-means on a fixed
sample and every participant joins the nearest seed; a base stands for its members by
their mean position and their number. On later updates the seeds stay (until the next
full rebuild) and participants move: each keeps an upper bound on the distance to its
own seed and a lower bound on the distance to any other (Hamerly's bounds), loosened by
how far the participant moved, and only those whose bounds cross are measured again. The
labels are exactly the nearest seeds, at a fraction of the cost of measuring everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clustering import ASSIGN_CHUNK, BASE_K, kmeans_plus_plus, weighted_kmeans

SAMPLE = 10_000
SAMPLE_ITER = 50


@dataclass
class LargeBases:
    seeds: np.ndarray  # the centres participants are assigned to
    rows: np.ndarray  # matrix rows assigned (sorted)
    coords: np.ndarray  # their positions then
    labels: np.ndarray
    upper: np.ndarray  # >= distance to own seed
    lower: np.ndarray  # <= distance to any other seed
    centers: np.ndarray  # mean position of each base's members (the seed when empty)
    weights: np.ndarray  # members per base
    remeasured: int = 0


def nearest_two(points: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, ...]:
    """(label, distance to nearest, distance to second nearest) per point, in chunks."""
    n = points.shape[0]
    labels, first, second = np.empty(n, dtype=np.int64), np.empty(n), np.empty(n)
    csq = (centers**2).sum(1)
    for start in range(0, n, ASSIGN_CHUNK):
        part = slice(start, start + ASSIGN_CHUNK)
        p = points[part]
        d2 = (p**2).sum(1)[:, None] - 2.0 * p @ centers.T + csq
        lab = d2.argmin(1)
        inside = np.arange(lab.size)
        labels[part], first[part] = lab, d2[inside, lab]
        d2[inside, lab] = np.inf
        second[part] = d2.min(1)
    return labels, np.sqrt(np.maximum(first, 0.0)), np.sqrt(np.maximum(second, 0.0))


def _settle(
    seeds: np.ndarray, rows: np.ndarray, coords: np.ndarray, labels, upper, lower, remeasured: int
) -> LargeBases:
    """The new state (``coords`` is kept, not copied: the caller hands over a fresh array)."""
    k = seeds.shape[0]
    weights = np.bincount(labels, minlength=k).astype(np.float64)
    centers = np.empty_like(seeds)
    for axis in range(coords.shape[1]):
        sums = np.bincount(labels, weights=coords[:, axis], minlength=k)
        centers[:, axis] = sums / np.maximum(weights, 1e-300)
    centers[weights == 0] = seeds[weights == 0]
    return LargeBases(seeds, rows, coords, labels, upper, lower, centers, weights, remeasured)


def fit_large(coords: np.ndarray, rows: np.ndarray) -> tuple[LargeBases, int]:
    """Seeds fitted on a fixed sample; everyone joins the nearest. Returns the iterations."""
    rng = np.random.default_rng(0)
    sample = coords[np.sort(rng.choice(coords.shape[0], SAMPLE, replace=False))]
    ones = np.ones(SAMPLE)
    fit = weighted_kmeans(sample, ones, kmeans_plus_plus(sample, ones, BASE_K, rng), SAMPLE_ITER)
    labels, upper, lower = nearest_two(coords, fit.centers)
    return _settle(fit.centers, rows, coords, labels, upper, lower, rows.size), fit.iterations + 1


def step_large(state: LargeBases, coords: np.ndarray, rows: np.ndarray) -> LargeBases:
    """Everyone to the nearest seed again; only participants whose bounds cross are measured."""
    if np.array_equal(rows, state.rows):  # the usual case: nobody joined or left
        shift = np.sqrt(((coords - state.coords) ** 2).sum(1))
        labels = state.labels.copy()
        upper, lower = state.upper + shift, state.lower - shift
        known = np.ones(rows.size, dtype=bool)
    else:
        pos = np.minimum(np.searchsorted(state.rows, rows), state.rows.size - 1)
        known = state.rows[pos] == rows
        labels = np.zeros(rows.size, dtype=np.int64)
        upper, lower = np.zeros(rows.size), np.zeros(rows.size)
        k = pos[known]
        shift = np.sqrt(((coords[known] - state.coords[k]) ** 2).sum(1))
        labels[known] = state.labels[k]
        upper[known] = state.upper[k] + shift
        lower[known] = state.lower[k] - shift
    redo = np.flatnonzero(~known | (upper >= lower))
    if redo.size:
        labels[redo], upper[redo], lower[redo] = nearest_two(coords[redo], state.seeds)
    return _settle(state.seeds, rows, coords, labels, upper, lower, int(redo.size))
