"""OpinionModel: the whole pipeline, kept warm between updates; OpinionResult: what it found."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .clustering import (
    base_clusters,
    choose_groups,
    clusterable_rows,
    group_candidates,
    relabel_by_size,
)
from .consensus import consensus_statements
from .counts import count_votes
from .crossline import Blocs, check_blocs, cross_line_consensus
from .errors import OpinionInputError
from .matrix import VoteMatrix, VoteTriple
from .projection import CoVoteSums, principal_axes, project
from .repness import representative_statements

BULK_FRACTION = 0.2


@dataclass
class Work:
    """What a computation did, counted (not timed) so tests can compare full and incremental."""

    full_rebuild: bool = False
    covote_cells: int = 0
    pca_iterations: int = 0
    base_kmeans_iterations: int = 0
    group_kmeans_iterations: int = 0

    def total_iterations(self) -> int:
        return self.pca_iterations + self.base_kmeans_iterations + self.group_kmeans_iterations


@dataclass
class OpinionResult:
    """Groups, consensus, representative and cross-line statements, each with its evidence."""

    groups: dict[str, int]
    consensus: list[dict[str, Any]]
    repness: dict[str, list[dict[str, Any]]]
    cross_line: list[dict[str, Any]]
    coords: dict[str, tuple[float, float]]
    evidence: dict[str, Any]
    work: Work = field(default_factory=Work)

    @property
    def n_groups(self) -> int:
        return len(set(self.groups.values()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": dict(self.groups),
            "consensus": self.consensus,
            "repness": self.repness,
            "cross_line": self.cross_line,
            "coords": {voter: [x, y] for voter, (x, y) in self.coords.items()},
            "evidence": self.evidence,
        }


class OpinionModel:
    """Incremental opinion map. ``add_votes`` folds votes in; ``result`` recomputes warm.

    ``k`` is the smallest group or bloc ever shown (default 3). ``min_votes`` overrides
    Polis's min(7, statements) for who is clustered. ``exclude`` names statements left out
    (e.g. moderated out): like Polis, they still count as a neutral vote of everyone when
    positions are scaled. ``keep`` names participants always clustered when they have voted
    (Polis admits early voters for good; see ``polis_clusterable``).
    """

    def __init__(
        self,
        blocs: Blocs | None = None,
        k: int = 3,
        min_votes: int | None = None,
        exclude: Collection[str] = (),
        keep: Collection[str] = (),
    ) -> None:
        if not isinstance(k, int) or k < 1:
            raise OpinionInputError(f"k must be a whole number of people, at least 1; got {k!r}.")
        if min_votes is not None and (not isinstance(min_votes, int) or min_votes < 1):
            raise OpinionInputError(f"min_votes must be at least 1; got {min_votes!r}.")
        check_blocs(blocs)
        self.blocs, self.k, self.min_votes = blocs, k, min_votes
        self.exclude = {str(s) for s in exclude}
        self.keep = {str(v) for v in keep}
        self._zeroed: set[str] = set()
        self.matrix = VoteMatrix()
        self._sums: CoVoteSums | None = None
        self._block: np.ndarray | None = None
        self._base_centres: np.ndarray | None = None
        self._group_centres: dict[int, np.ndarray] = {}
        self._work = Work()
        self._cached: OpinionResult | None = None

    def set_blocs(self, blocs: Blocs | None) -> None:
        check_blocs(blocs)
        self.blocs, self._cached = blocs, None

    def add_votes(self, votes: Sequence[VoteTriple]) -> OpinionModel:
        """Fold votes in; a later vote on the same (voter, statement) replaces the earlier."""
        if self.exclude:
            out = [str(v[1]) in self.exclude for v in votes]
            if any(out):
                self._zeroed.update(str(v[1]) for v, o in zip(votes, out, strict=True) if o)
                votes = [v for v, o in zip(votes, out, strict=True) if not o]
        if not votes:
            return self
        self._cached = None
        if self.matrix.n_votes == 0 or len(votes) > BULK_FRACTION * self.matrix.n_votes:
            self._rebuild(votes)
            return self
        changes = self.matrix.update(votes)
        if self._sums is None:
            self._build_sums()
            return self
        self._sums.grow(self.matrix.shape[1])
        for change in changes:
            self._work.covote_cells += self._sums.apply(self.matrix, change)
        return self

    def _rebuild(self, votes: Sequence[VoteTriple]) -> None:
        VoteMatrix.check(votes)
        old = self.matrix
        self.matrix = VoteMatrix()
        if old.n_votes:
            old.compact()
            rows, cols = np.repeat(np.arange(old.shape[0]), old.row_counts), old._indices
            merged = [
                (old.voters[r], old.statements[c], int(v))
                for r, c, v in zip(rows.tolist(), cols.tolist(), old._vals.tolist(), strict=True)
            ]
            votes = merged + list(votes)
        self.matrix.add_bulk(votes)
        self._build_sums()
        self._work.full_rebuild = True

    def _build_sums(self) -> None:
        self._sums = CoVoteSums.build(self.matrix)
        self._work.covote_cells += int((self.matrix.row_counts.astype(np.int64) ** 2).sum())

    def result(self) -> OpinionResult:
        if self._cached is None:
            self._cached = self._compute()
            self._work = Work()
        return self._cached

    # -- the pipeline -------------------------------------------------------------------

    def _compute(self) -> OpinionResult:
        matrix, work = self.matrix, self._work
        n, s = matrix.shape
        if n == 0 or self._sums is None:
            return OpinionResult({}, [], {}, [], {}, self._evidence(0, None, [], []), work)
        means = matrix.column_means()
        components = principal_axes(self._sums.gram(means), self._block)
        self._block = components.block
        work.pca_iterations += components.iterations
        coords = project(matrix, means, components.axes, len(self._zeroed))
        rows = clusterable_rows(matrix.row_counts, s + len(self._zeroed), self.min_votes)
        if self.keep:
            kept = [matrix.voter_index[v] for v in self.keep if v in matrix.voter_index]
            rows = np.union1d(rows, np.asarray(kept, dtype=np.int64))
        labels, grouping = self._group(coords[rows], work)
        everyone = count_votes(matrix, np.zeros(n, dtype=np.int64), 1)
        row_labels = np.full(n, -1)
        group_counts = None
        if labels is not None:
            row_labels[rows] = labels
            group_counts = count_votes(matrix, row_labels, int(labels.max()) + 1)
        statements = matrix.statements
        cross, shown = cross_line_consensus(matrix, self.blocs, self.k, self.k)
        return OpinionResult(
            groups={matrix.voters[r]: int(row_labels[r]) for r in rows if row_labels[r] >= 0},
            consensus=consensus_statements(group_counts, everyone, statements, self.k),
            repness=(
                representative_statements(group_counts, statements, self.k)
                if group_counts is not None
                else {}
            ),
            cross_line=cross,
            coords={
                matrix.voters[r]: (round(float(coords[r, 0]), 5), round(float(coords[r, 1]), 5))
                for r in range(n)
            },
            evidence=self._evidence(len(rows), labels, grouping, shown),
            work=work,
        )

    def _group(self, points: np.ndarray, work: Work) -> tuple[np.ndarray | None, list[Any]]:
        """Labels per clusterable participant (None when no sound grouping exists)."""
        if points.shape[0] < max(2 * self.k, 2):
            self._base_centres, self._group_centres = None, {}
            return None, [None, {}, 0]
        centres, weights, base_of, iterations = base_clusters(points, self._base_centres)
        work.base_kmeans_iterations += iterations
        self._base_centres = centres if centres.shape[0] < points.shape[0] else None
        fits, group_work = group_candidates(centres, weights, self._group_centres)
        work.group_kmeans_iterations += group_work
        self._group_centres = {k: fit.centers for k, fit in fits.items()}
        base_labels, score, scores, merged = choose_groups(centres, weights, fits, self.k)
        if base_labels is None:
            return None, [None, scores, 0]
        return relabel_by_size(base_labels[base_of]), [score, scores, merged]

    def _evidence(
        self, n_clustered: int, labels: np.ndarray | None, grouping: list[Any], shown: list[Any]
    ) -> dict[str, Any]:
        n, s = self.matrix.shape
        sizes = (
            {} if labels is None else {str(g): int(c) for g, c in enumerate(np.bincount(labels))}
        )
        threshold = min(7, s + len(self._zeroed)) if self.min_votes is None else self.min_votes
        silhouette = grouping[0] if grouping else None
        return {
            "n_participants": n,
            "n_statements": s,
            "n_votes": self.matrix.n_votes,
            "n_clustered": n_clustered,
            "min_votes_to_cluster": threshold,
            "min_group_size": self.k,
            "n_groups": len(sizes),
            "group_sizes": sizes,
            "silhouette": None if silhouette is None else round(float(silhouette), 4),
            "silhouette_by_groups": {
                str(k): round(v, 4) for k, v in (grouping[1] if grouping else {}).items()
            },
            "small_groups_merged": grouping[2] if grouping else 0,
            "groups_note": (
                "no groups: too few participants with enough votes to form groups "
                f"of at least {self.k}"
                if labels is None
                else f"every group has at least {self.k} members"
            ),
            "blocs_shown": [
                {"dimension": b.dimension, "bloc": b.name, "members": b.members} for b in shown
            ],
        }


def analyse(
    votes: Sequence[VoteTriple],
    blocs: Blocs | None = None,
    k: int = 3,
    min_votes: int | None = None,
    exclude: Collection[str] = (),
    keep: Collection[str] = (),
) -> OpinionResult:
    """Run the whole pipeline once on (voter, statement, vote) triples."""
    model = OpinionModel(blocs=blocs, k=k, min_votes=min_votes, exclude=exclude, keep=keep)
    return model.add_votes(votes).result()
