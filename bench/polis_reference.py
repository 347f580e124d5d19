"""A reference implementation of Polis's own clustering, for the bench only (not the product).

Written from the Polis math (compdemocracy/polis, math/src/polismath/math/pca.clj,
clusters.clj, conversation.clj), not copied from it:

- rating matrix rows in order of first vote (Polis keeps participants in the order they
  joined), columns the comments; moderated-out comments zeroed, not dropped;
- participants "in conversation" when they voted on min(7, comments) (or were admitted
  earlier: ``keep``);
- PCA of the mean-imputed, column-centred matrix (Polis: power iteration to convergence;
  here the same two leading eigenvectors by eigendecomposition); sparsity-aware
  projection ``sqrt(n_comments / n_votes) * sum_voted (v - mean) * pc``;
- 100 base clusters by k-means whose initial centres are the first 100 *distinct* points in
  row order (``init-clusters``), at most 20 Lloyd rounds, stopping when every sorted centre
  moved less than 0.01 (``same-clustering?``);
- groups: k-means over the base centres weighted by their members for k = 2 ..
  min(5, 2 + bases // 12), initialised the same way, chosen by the silhouette of the base
  clusters (Polis smooths k over successive runs; a one-shot run has no history).

Because the initial centres are "the first k distinct rows", the result depends on the
order of rows: this is the instability the bench measures.
"""

from __future__ import annotations

import numpy as np

BASE_K = 100
MAX_ITERS = 20


def _first_distinct(points: np.ndarray, k: int) -> np.ndarray:
    _, first = np.unique(np.round(points, 12), axis=0, return_index=True)
    return points[np.sort(first)[:k]]


def _kmeans(points: np.ndarray, weights: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    centres = _first_distinct(points, k)
    labels = np.zeros(points.shape[0], dtype=np.int64)
    for _ in range(MAX_ITERS + 1):
        d2 = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
        labels = d2.argmin(1)
        new = centres.copy()
        for c in range(centres.shape[0]):
            mine = labels == c
            if mine.any():
                new[c] = np.average(points[mine], axis=0, weights=weights[mine])
        moved = np.sqrt(((np.sort(new, axis=0) - np.sort(centres, axis=0)) ** 2).sum(1))
        centres = new
        if (moved < 0.01).all():
            break
    d2 = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
    return d2.argmin(1), centres


def _silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    groups = np.unique(labels)
    if groups.size < 2:
        return -1.0
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    scores = []
    for i in range(points.shape[0]):
        own = labels == labels[i]
        if own.sum() <= 1:
            scores.append(0.0)
            continue
        a = dist[i, own].sum() / (own.sum() - 1)
        b = min(dist[i, labels == g].mean() for g in groups if g != labels[i])
        scores.append((b - a) / max(a, b, 1e-300))
    return float(np.mean(scores))


def polis_groups(
    votes: list[tuple[str, str, int]],
    exclude: set[str] = frozenset(),  # type: ignore[assignment]
    keep: set[str] = frozenset(),  # type: ignore[assignment]
    min_votes: int = 7,
) -> dict[str, int]:
    """Group of each participant in conversation, as Polis's math would give (one run)."""
    voters = list(dict.fromkeys(v for v, _, _ in votes))
    comments = list(dict.fromkeys(c for _, c, _ in votes))
    vi = {v: i for i, v in enumerate(voters)}
    ci = {c: j for j, c in enumerate(comments)}
    m = np.full((len(voters), len(comments)), np.nan)
    for v, c, x in votes:
        m[vi[v], ci[c]] = 0.0 if c in exclude else float(x)
    for c in exclude:
        if c in ci:
            m[:, ci[c]] = np.where(np.isnan(m[:, ci[c]]), np.nan, 0.0)
    voted = ~np.isnan(m)
    n_votes = voted.sum(1)
    threshold = min(min_votes, len(comments))
    rows = np.flatnonzero((n_votes >= threshold) | np.isin(voters, list(keep)))
    if rows.size < 2:
        return {}
    means = np.nanmean(m, axis=0)
    centred = np.where(voted, m - means, 0.0)
    _, vecs = np.linalg.eigh(centred.T @ centred)
    pcs = vecs[:, ::-1][:, :2]
    scale = np.sqrt(len(comments) / np.maximum(n_votes, 1))[:, None]
    coords = (centred @ pcs) * scale
    points = coords[rows]
    base_labels, base_centres = _kmeans(points, np.ones(points.shape[0]), BASE_K)
    present = np.unique(base_labels)
    base_centres = base_centres[present]
    base_of = np.searchsorted(present, base_labels)
    weights = np.bincount(base_of).astype(np.float64)
    n_bases = base_centres.shape[0]
    best: tuple[float, np.ndarray] | None = None
    for k in range(2, min(5, 2 + n_bases // 12, n_bases) + 1):
        labels, _ = _kmeans(base_centres, weights, k)
        score = _silhouette(base_centres, labels)
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return {}
    groups = best[1][base_of]
    return {voters[r]: int(g) for r, g in zip(rows.tolist(), groups.tolist(), strict=True)}
