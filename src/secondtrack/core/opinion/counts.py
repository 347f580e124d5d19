"""Agree / disagree / reacted counts per statement for labelled sets of participants."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .matrix import RowChange, VoteMatrix


@dataclass
class VoteCounts:
    """Arrays of shape (sets, statements); ``reacted`` includes passes."""

    agree: np.ndarray
    disagree: np.ndarray
    reacted: np.ndarray

    @property
    def passed(self) -> np.ndarray:
        return self.reacted - self.agree - self.disagree

    def total(self) -> VoteCounts:
        return VoteCounts(
            self.agree.sum(0, keepdims=True),
            self.disagree.sum(0, keepdims=True),
            self.reacted.sum(0, keepdims=True),
        )


def count_votes(matrix: VoteMatrix, labels: np.ndarray, n_sets: int) -> VoteCounts:
    """Counts per set; ``labels[row]`` is the set of each participant, -1 for none."""
    rows, cols, vals = matrix.entries()
    return count_cells(labels[rows], cols, vals, n_sets, matrix.shape[1])


def count_cells(
    sets: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_sets: int, n_statements: int
) -> VoteCounts:
    """Counts of (set, statement, vote) cells; cells of set -1 are left out."""
    keep = sets >= 0
    key, vals = sets[keep] * n_statements + cols[keep], vals[keep]
    size, shape = n_sets * n_statements, (n_sets, n_statements)
    return VoteCounts(
        np.bincount(key, weights=vals == 1.0, minlength=size).reshape(shape),
        np.bincount(key, weights=vals == -1.0, minlength=size).reshape(shape),
        np.bincount(key, minlength=size).reshape(shape).astype(np.float64),
    )


def room_counts(matrix: VoteMatrix) -> VoteCounts:
    """Everyone's counts, from the per-statement sums the matrix keeps."""
    agree = (matrix.col_abs + matrix.col_sums) / 2.0
    disagree = (matrix.col_abs - matrix.col_sums) / 2.0
    return VoteCounts(agree[None, :], disagree[None, :], matrix.col_counts[None, :].copy())


class BaseCounts:
    """Counts per base cluster, kept in step with new votes and with moves between bases."""

    def __init__(self, matrix: VoteMatrix, row_base: np.ndarray, n_bases: int) -> None:
        self.row_base, self.n_bases = row_base, n_bases
        rows, cols, vals = matrix.entries()
        self.counts = count_cells(row_base[rows], cols, vals, n_bases, matrix.shape[1])

    def _add(self, bases: np.ndarray, cols: np.ndarray, vals: np.ndarray, sign: float) -> None:
        keep = bases >= 0
        key, vals = bases[keep] * self.counts.agree.shape[1] + cols[keep], vals[keep]
        for target, weight in (
            (self.counts.agree, vals == 1.0),
            (self.counts.disagree, vals == -1.0),
            (self.counts.reacted, np.ones(vals.size, dtype=bool)),
        ):
            np.add.at(target.reshape(-1), key, sign * weight)

    def vote_changes(self, changes: list[RowChange], n_statements: int) -> None:
        """Fold changed votes of participants already in a base."""
        pad = n_statements - self.counts.agree.shape[1]
        if pad > 0:
            self.counts = VoteCounts(*(np.pad(x, ((0, 0), (0, pad))) for x in _arrays(self.counts)))
        parts: list[tuple[np.ndarray, ...]] = []
        for change in changes:
            base = self.row_base[change.row] if change.row < self.row_base.size else -1
            if base >= 0:
                voted = change.old_voted
                parts.append(
                    (
                        np.full(int(voted.sum()), base),
                        change.cols[voted],
                        change.old_vals[voted],
                        np.full(change.cols.size, base),
                        change.cols,
                        change.new_vals,
                    )
                )
        if parts:
            old_b, old_c, old_v, new_b, new_c, new_v = (
                np.concatenate(x) for x in zip(*parts, strict=True)
            )
            self._add(old_b, old_c, old_v, -1.0)
            self._add(new_b, new_c, new_v, 1.0)

    def move(self, matrix: VoteMatrix, row_base: np.ndarray) -> None:
        """Follow participants to their new bases (the room may have grown)."""
        old = np.full(row_base.size, -1)
        old[: self.row_base.size] = self.row_base
        moved = np.flatnonzero(old != row_base)
        if moved.size:
            rows, cols, vals = matrix.entries(moved)
            self._add(old[rows], cols, vals, -1.0)
            self._add(row_base[rows], cols, vals, 1.0)
        self.row_base = row_base

    def groups(self, group_of_base: np.ndarray, n_groups: int) -> VoteCounts:
        member = np.zeros((n_groups, self.n_bases))
        member[group_of_base, np.arange(self.n_bases)] = 1.0
        return VoteCounts(*(member @ x for x in _arrays(self.counts)))


def _arrays(counts: VoteCounts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return counts.agree, counts.disagree, counts.reacted


def z_one_proportion(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    """z of a share against one half, with a pseudocount (Polis's form)."""
    return 2.0 * np.sqrt(n + 1.0) * ((successes + 1.0) / (n + 1.0) - 0.5)


def z_two_proportions(s1: np.ndarray, n1: np.ndarray, s2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Pooled two-proportion z with one pseudo-success and pseudo-failure per side."""
    p1, p2 = (s1 + 1.0) / (n1 + 2.0), (s2 + 1.0) / (n2 + 2.0)
    pooled = (s1 + s2 + 2.0) / (n1 + n2 + 4.0)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / (n1 + 2.0) + 1.0 / (n2 + 2.0)))
    return np.divide(p1 - p2, spread, out=np.zeros_like(p1), where=spread > 0)


def people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
