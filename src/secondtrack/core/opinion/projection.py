"""Sparsity-aware PCA to two dimensions, as Polis does it, on an incrementally kept Gram matrix.

Missing votes are imputed with the statement's mean, so after centring the matrix
C = (vote - mean) on voted cells and 0 elsewhere is exactly as sparse as the votes.
The principal axes are the top eigenvectors of G = C^T C. G depends on the means, so we
keep three mean-free co-vote sums instead (P = A^T A, Q = A^T M, N = M^T M with A the
votes and M the voted mask) and assemble G from them; a new vote changes only the
rows/columns of the statements its voter touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .matrix import RowChange, VoteMatrix, mask_of

DIRECT_EIGH_MAX = 80
BLOCK = 6
DENSE_CELLS = 4_000_000  # below this many matrix cells, dense BLAS beats sparse products
DENSE_RATIO = 10  # ... unless n s^2 exceeds this many times the sparse work (co-vote pairs)
PCA_TOL = 1e-6
PCA_MAX_ITER = 1000
PACK_BITS = 20  # packing base 2**20 of _packed_gram
MIRROR_FROM = 500  # statements above which G's refreshed rows are mirrored
EXACT_FLOAT32 = 1 << 24  # integers up to this are exact in float32


@dataclass
class CoVoteSums:
    """P, Q, N co-vote sums of a vote matrix, updated vote by vote, and the Gram matrix G.

    G is kept too: when a few votes arrive only the rows and columns of the statements
    whose votes or mean changed are recomputed (with the same arithmetic as a full build).
    """

    P: np.ndarray
    Q: np.ndarray
    N: np.ndarray
    QT: np.ndarray | None = None  # Q transposed, contiguous (set on creation)
    _gram: np.ndarray | None = None
    _means: np.ndarray | None = None
    _dirty: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.QT is None:
            self.QT = np.ascontiguousarray(self.Q.T)

    @classmethod
    def build(cls, matrix: VoteMatrix) -> CoVoteSums:
        n, s = matrix.shape
        pairs = float((matrix.row_counts.astype(np.float64) ** 2).sum()) + 50.0 * s * s
        if n * s <= DENSE_CELLS and n * s * s <= DENSE_RATIO * pairs:
            votes = sum(part.toarray() for part in matrix.parts())
            voted = sum(mask_of(part).toarray() for part in matrix.parts())
            if n <= EXACT_FLOAT32:  # sums of n products in -1, 0, 1: exact in float32, faster
                votes, voted = votes.astype(np.float32), voted.astype(np.float32)
            products = (votes.T @ votes, votes.T @ voted, voted.T @ voted)
            return cls(*(x.astype(np.float64, copy=False) for x in products))
        P, Q, N = np.zeros((s, s)), np.zeros((s, s)), np.zeros((s, s))
        for part in matrix.parts():
            mask = mask_of(part)
            part_t = part.T.tocsr()
            Q += (part_t @ mask).toarray()  # work: sum over rows of (row votes)^2
            if n < 1 << (PACK_BITS - 2):
                p, q2, nn = _packed_gram(part)
                P += p
                N += nn
            else:
                P += (part_t @ part).toarray()
                N += (mask.T.tocsr() @ mask).toarray()
        return cls(P, Q, N)

    def grow(self, s: int) -> None:
        if self.P.shape[0] < s:
            pad = s - self.P.shape[0]
            self._dirty.update(range(self.P.shape[0], s))
            self.P, self.Q, self.N = (
                np.pad(x, ((0, pad), (0, pad))) for x in (self.P, self.Q, self.N)
            )
            self.QT = np.ascontiguousarray(self.Q.T)
            self._gram = None

    def apply(self, matrix: VoteMatrix, changes: list[RowChange]) -> int:
        """Fold participants' changed votes in; return the number of cells touched."""
        keys, dP, dQ, dN = [], [], [], []
        s = self.P.shape[0]
        for change in changes:
            cols, new_vals = matrix.row_entries(change.row)
            position = {c: i for i, c in enumerate(cols.tolist())}
            where = [position[c] for c in change.cols.tolist()]
            old_vals, old_mask = new_vals.copy(), np.ones(cols.size)
            old_vals[where] = change.old_vals
            old_mask[where] = change.old_voted
            new_mask = np.ones(cols.size)
            keys.append((cols[:, None] * s + cols[None, :]).ravel())
            dP.append((np.outer(new_vals, new_vals) - np.outer(old_vals, old_vals)).ravel())
            dQ.append((np.outer(new_vals, new_mask) - np.outer(old_vals, old_mask)).ravel())
            dN.append((np.outer(new_mask, new_mask) - np.outer(old_mask, old_mask)).ravel())
            self._dirty.update(change.cols.tolist())  # cells off these rows/columns are unchanged
        if not keys:
            return 0
        cells = np.concatenate(keys)
        for target, delta in ((self.P, dP), (self.Q, dQ), (self.N, dN)):
            np.add.at(target.reshape(-1), cells, np.concatenate(delta))
        assert self.QT is not None  # set on creation
        np.add.at(self.QT.reshape(-1), (cells % s) * s + cells // s, np.concatenate(dQ))
        return int(cells.size)

    def gram(self, means: np.ndarray) -> np.ndarray:
        """G = C^T C of the mean-imputed, centred matrix (do not modify the returned array)."""
        mu, P, Q, N = means, self.P, self.Q, self.N
        if self._gram is None or self._means is None or self._means.shape != mu.shape:
            stale = None
        else:
            moved = np.flatnonzero(mu != self._means)
            stale = np.union1d(moved, np.fromiter(self._dirty, dtype=np.int64))
            if stale.size > mu.size // 4:
                stale = None
        if stale is None:
            self._gram = P - Q * mu[None, :] - mu[:, None] * Q.T + np.outer(mu, mu) * N
        elif stale.size:
            assert self._gram is not None and self.QT is not None
            d, gram = stale, self._gram
            rows = P[d] - Q[d] * mu[None, :] - mu[d, None] * self.QT[d] + np.outer(mu[d], mu) * N[d]
            gram[d] = rows
            if mu.size > MIRROR_FROM:  # large: G is symmetric, copy the rows into the columns
                gram[:, d] = rows.T
            else:  # small: the same arithmetic as a full build, bit for bit
                gram[:, d] = (
                    P[:, d]
                    - Q[:, d] * mu[None, d]
                    - mu[:, None] * Q.T[:, d]
                    + np.outer(mu, mu[d]) * N[:, d]
                )
        self._means, self._dirty = mu.copy(), set()
        assert self._gram is not None
        return self._gram


def _low_digit(t: np.ndarray, bits: int) -> np.ndarray:
    """The signed base-2**bits lowest digit (in -2**(bits-1) .. 2**(bits-1) - 1)."""
    half = 1 << (bits - 1)
    return ((t + half) & ((1 << bits) - 1)) - half


def _packed_gram(part: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P, Q + Q^T and N from one integer product: X = A + cM gives X^T X = P + c(Q + Q^T) + c^2 N.

    Exact while |P| and |Q + Q^T| stay under c / 2, i.e. fewer than c / 4 participants.
    """
    c, bits = 1 << PACK_BITS, PACK_BITS
    x = sp.csr_matrix(((part.data + c).astype(np.int64), part.indices, part.indptr), part.shape)
    t = (x.T.tocsr() @ x).toarray()
    p = _low_digit(t, bits)
    rest = (t - p) >> bits
    q2 = _low_digit(rest, bits)
    return p.astype(np.float64), q2.astype(np.float64), ((rest - q2) >> bits).astype(np.float64)


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


def principal_axes(
    gram: np.ndarray, start: np.ndarray | None = None, max_iter: int = PCA_MAX_ITER
) -> Components:
    """Top two eigenvectors of a Gram matrix by block subspace iteration (warm-startable).

    ``max_iter`` caps the iterations (a warm start in a large room: the block keeps
    converging across updates).
    """
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
    for iteration in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
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
    for i, part in enumerate(matrix.parts()):
        mask = matrix.base_mask() if i == 0 else mask_of(part)
        coords += part @ axes - mask @ shifted
    scale = np.sqrt((s + zeroed) / np.maximum(matrix.row_counts + zeroed, 1))
    return coords * scale[:, None]
