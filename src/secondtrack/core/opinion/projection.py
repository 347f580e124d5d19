"""Sparsity-aware PCA to two dimensions, as Polis does it, on an incrementally kept Gram matrix.

Missing votes are imputed with the statement's mean, so after centring the matrix
C = (vote - mean) on voted cells and 0 elsewhere is exactly as sparse as the votes.
The principal axes are the top eigenvectors of G = C^T C. G depends on the means, so we
keep three mean-free co-vote sums instead (P = A^T A, Q = A^T M, N = M^T M with A the
votes and M the voted mask) and assemble G from them; a new vote changes only the
rows/columns of the statements its voter touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .matrix import RowChange, VoteMatrix, mask_of

DIRECT_EIGH_MAX = 24
BLOCK = 6
DENSE_CELLS = 4_000_000  # below this many matrix cells, dense BLAS beats sparse products
PCA_TOL = 1e-6
PCA_MAX_ITER = 1000


@dataclass
class CoVoteSums:
    """P, Q, N co-vote sums of a vote matrix, updated vote by vote."""

    P: np.ndarray
    Q: np.ndarray
    N: np.ndarray

    @classmethod
    def build(cls, matrix: VoteMatrix) -> CoVoteSums:
        n, s = matrix.shape
        if n * s <= DENSE_CELLS:
            votes = sum(part.toarray() for part in matrix.parts())
            voted = sum(mask_of(part).toarray() for part in matrix.parts())
            return cls(votes.T @ votes, votes.T @ voted, voted.T @ voted)
        P, Q, N = np.zeros((s, s)), np.zeros((s, s)), np.zeros((s, s))
        for part in matrix.parts():
            mask = mask_of(part)
            P += (part.T @ part).toarray()  # work: sum over rows of (row votes)^2
            Q += (part.T @ mask).toarray()
            N += (mask.T @ mask).toarray()
        return cls(P, Q, N)

    def grow(self, s: int) -> None:
        if self.P.shape[0] < s:
            pad = s - self.P.shape[0]
            self.P, self.Q, self.N = (
                np.pad(x, ((0, pad), (0, pad))) for x in (self.P, self.Q, self.N)
            )

    def apply(self, matrix: VoteMatrix, change: RowChange) -> int:
        """Fold one participant's changed votes in; return the number of cells touched."""
        cols, new_vals = matrix.row_entries(change.row)
        position = {c: i for i, c in enumerate(cols.tolist())}
        old_vals, old_mask = new_vals.copy(), np.ones(cols.size)
        for c, value, voted in zip(
            change.cols.tolist(), change.old_vals.tolist(), change.old_voted.tolist(), strict=True
        ):
            old_vals[position[c]] = value
            old_mask[position[c]] = 1.0 if voted else 0.0
        new_mask = np.ones(cols.size)
        cells = np.ix_(cols, cols)
        self.P[cells] += np.outer(new_vals, new_vals) - np.outer(old_vals, old_vals)
        self.Q[cells] += np.outer(new_vals, new_mask) - np.outer(old_vals, old_mask)
        self.N[cells] += np.outer(new_mask, new_mask) - np.outer(old_mask, old_mask)
        return int(cols.size) ** 2

    def gram(self, means: np.ndarray) -> np.ndarray:
        """G = C^T C of the mean-imputed, centred matrix."""
        mu = means
        return self.P - self.Q * mu[None, :] - mu[:, None] * self.Q.T + np.outer(mu, mu) * self.N


@dataclass
class Components:
    """Principal axes (statements x 2) and the Ritz block kept to warm-start the next run."""

    axes: np.ndarray
    block: np.ndarray
    iterations: int


def _orient(axes: np.ndarray) -> np.ndarray:
    """Fix each axis's sign so its largest entry is positive (stable pictures between runs)."""
    for j in range(axes.shape[1]):
        if axes[np.argmax(np.abs(axes[:, j])), j] < 0:
            axes[:, j] *= -1
    return axes


def principal_axes(gram: np.ndarray, start: np.ndarray | None = None) -> Components:
    """Top two eigenvectors of a Gram matrix by block subspace iteration (warm-startable)."""
    s = gram.shape[0]
    n = min(2, s)
    if s <= DIRECT_EIGH_MAX:
        values, vectors = np.linalg.eigh(gram)
        axes = np.zeros((s, 2))
        axes[:, :n] = vectors[:, ::-1][:, :n]
        return Components(_orient(axes), axes.copy(), 1)
    b = min(s, BLOCK)
    rng = np.random.default_rng(0)
    block = rng.standard_normal((s, b))
    if start is not None and start.shape[0] <= s:
        k = min(start.shape[1], b)
        block[: start.shape[0], :k] = start[:, :k]
    q, _ = np.linalg.qr(block)
    for iteration in range(1, PCA_MAX_ITER + 1):  # noqa: B007 (the count is reported)
        w = gram @ q
        values, small = np.linalg.eigh(q.T @ w)
        values, small = values[::-1], small[:, ::-1]
        ritz, gram_ritz = q @ small, w @ small
        residual = np.linalg.norm(gram_ritz[:, :n] - ritz[:, :n] * values[:n], axis=0).max()
        if residual <= PCA_TOL * max(float(values[0]), 1e-12):
            break
        q, _ = np.linalg.qr(gram_ritz)
    axes = np.zeros((s, 2))
    axes[:, :n] = ritz[:, :n]
    return Components(_orient(axes), ritz, iteration)


def project(matrix: VoteMatrix, means: np.ndarray, axes: np.ndarray, zeroed: int = 0) -> np.ndarray:
    """Participants' 2-D positions, scaled by sqrt(statements / own votes) as Polis does.

    ``zeroed`` counts moderated-out statements: Polis keeps them as all-zero columns, so
    they count both as statements and as (neutral) votes of every participant.
    """
    n, s = matrix.shape
    coords = np.zeros((n, 2))
    shifted = means[:, None] * axes
    for part in matrix.parts():
        coords += part @ axes - mask_of(part) @ shifted
    scale = np.sqrt((s + zeroed) / np.maximum(matrix.row_counts + zeroed, 1))
    return coords * scale[:, None]
