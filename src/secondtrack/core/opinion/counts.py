"""Agree / disagree / reacted counts per statement for labelled sets of participants."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .matrix import VoteMatrix, mask_of


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
    n, s = matrix.shape
    rows = np.flatnonzero(labels >= 0)
    indicator = sp.csr_matrix((np.ones(rows.size), (labels[rows], rows)), shape=(max(n_sets, 0), n))
    agree, disagree, reacted = (np.zeros((n_sets, s)) for _ in range(3))
    for part in matrix.parts():
        agree += np.asarray((indicator @ mask_of(part, 1.0)).todense())
        disagree += np.asarray((indicator @ mask_of(part, -1.0)).todense())
        reacted += np.asarray((indicator @ mask_of(part)).todense())
    return VoteCounts(agree, disagree, reacted)


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
