"""OpinionModel: the whole pipeline, kept warm between updates; OpinionResult: what it found."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from .clustering import (
    LARGE_ROOM,
    base_clusters,
    choose_groups,
    clusterable_rows,
    consensus_candidates,
    group_candidates,
    relabel_bases,
)
from .consensus import consensus_statements
from .counts import BaseCounts, room_counts
from .crossline import Blocs, check_blocs, cross_line_consensus
from .errors import OpinionInputError
from .largebases import LargeBases, fit_large, step_large
from .matrix import VoteMatrix, VoteTriple, split_votes
from .polis_io import CodedVotes
from .projection import PCA_MAX_ITER, CoVoteSums, principal_axes, project
from .repness import representative_statements
from .result import LazyMap, OpinionResult, Work

BULK_FRACTION = 0.2
PCA_WARM_ITER = 1  # large rooms: iterations of a warm-started PCA per update


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
        stable: bool = False,
    ) -> None:
        if not isinstance(k, int) or k < 1:
            raise OpinionInputError(f"k must be a whole number of people, at least 1; got {k!r}.")
        if min_votes is not None and (not isinstance(min_votes, int) or min_votes < 1):
            raise OpinionInputError(f"min_votes must be at least 1; got {min_votes!r}.")
        check_blocs(blocs)
        self.blocs, self.k, self.min_votes = blocs, k, min_votes
        self.exclude = {str(s) for s in exclude}
        self.keep = {str(v) for v in keep}
        # stable: groups from deterministic starts, computed cold (see docs/opinion.md §7)
        self.stable = stable
        self._zeroed: set[str] = set()
        self.matrix = VoteMatrix()
        self._sums: CoVoteSums | None = None
        self._block: np.ndarray | None = None
        self._base_centres: np.ndarray | None = None
        self._group_centres: dict[int, np.ndarray] = {}
        self._base_counts: BaseCounts | None = None
        self._large: LargeBases | None = None
        self._work = Work()
        self._cached: OpinionResult | None = None

    def set_blocs(self, blocs: Blocs | None) -> None:
        check_blocs(blocs)
        self.blocs, self._cached = blocs, None

    def add_votes(self, votes: Sequence[VoteTriple]) -> OpinionModel:
        """Fold votes in; a later vote on the same (voter, statement) replaces the earlier."""
        kept = self.matrix.load_triples(votes, self.exclude)
        if kept is not None:
            return self._loaded(kept)
        voters, statements, vals = split_votes(votes)
        if not voters:
            return self
        if self.matrix.n_votes == 0 or len(voters) > BULK_FRACTION * self.matrix.n_votes:
            return self._loaded(self.matrix.merge_columns(voters, statements, vals, self.exclude))
        changes = self.matrix.update_columns(voters, statements, vals, self.exclude)
        self._zeroed |= self.matrix.skipped
        if not changes:
            return self
        self._cached = None
        if self._sums is None:
            self._build_sums()
            return self
        self._sums.grow(self.matrix.shape[1])
        if self._base_counts is not None:
            self._base_counts.vote_changes(changes, self.matrix.shape[1])
        self._work.covote_cells += self._sums.apply(self.matrix, changes)
        return self

    def add_coded(self, votes: CodedVotes) -> OpinionModel:
        """``add_votes(votes.triples())``, into an empty model without the triples."""
        kept = self.matrix.load_coded(
            votes.voters, votes.statements, votes.rows, votes.cols, votes.vals, self.exclude
        )
        if kept is None:
            return self.add_votes(votes.triples())
        return self._loaded(kept)

    def _loaded(self, kept: int) -> OpinionModel:
        """After a bulk load of ``kept`` votes: rebuild the co-vote sums."""
        self._zeroed |= self.matrix.skipped
        if not kept:
            return self
        self._cached = None
        self._base_counts, self._large = None, None  # large rooms: new base seeds
        self._build_sums()
        self._work.full_rebuild = True
        return self

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
        large = n > LARGE_ROOM
        means = matrix.column_means()
        limit = PCA_WARM_ITER if large and self._block is not None else PCA_MAX_ITER
        components = principal_axes(self._sums.gram(means), self._block, limit)
        self._block = components.block
        work.pca_iterations += components.iterations
        coords = project(matrix, means, components.axes, len(self._zeroed))
        rows = clusterable_rows(matrix.row_counts, s + len(self._zeroed), self.min_votes)
        if self.keep:
            kept = [matrix.voter_index[v] for v in self.keep if v in matrix.voter_index]
            rows = np.union1d(rows, np.asarray(kept, dtype=np.int64))
        base_of, base_groups, grouping = self._group(coords[rows], rows, work)
        row_labels = np.full(n, -1)
        labels = group_counts = None
        if base_groups is not None:
            labels = base_groups[base_of]
            row_labels[rows] = labels
            group_counts = self._counts(rows, base_of, base_groups.size).groups(
                base_groups, int(labels.max()) + 1
            )
        else:
            self._base_counts = None
        statements, voters = matrix.statements, matrix.voters
        cross, shown = cross_line_consensus(matrix, self.blocs, self.k, self.k)

        def groups() -> dict[str, int]:
            grouped = rows[row_labels[rows] >= 0]
            return dict(
                zip(
                    map(voters.__getitem__, grouped.tolist()),
                    row_labels[grouped].tolist(),
                    strict=True,
                )
            )

        def positions() -> dict[str, tuple[float, float]]:
            xs, ys = np.round(coords, 5).T.tolist()
            return dict(zip(voters, zip(xs, ys, strict=True), strict=True))

        return OpinionResult(
            groups=LazyMap(groups) if large else groups(),
            consensus=consensus_statements(group_counts, room_counts(matrix), statements, self.k),
            repness=(
                representative_statements(group_counts, statements, self.k)
                if group_counts is not None
                else {}
            ),
            cross_line=cross,
            coords=LazyMap(positions) if large else positions(),
            evidence=self._evidence(len(rows), labels, grouping, shown),
            work=work,
        )

    def _counts(self, rows: np.ndarray, base_of: np.ndarray, n_bases: int) -> BaseCounts:
        """Counts per base cluster: moved along with the participants when still valid."""
        row_base = np.full(self.matrix.shape[0], -1)
        row_base[rows] = base_of
        if self._base_counts is None or self._base_counts.n_bases != n_bases:
            self._base_counts = BaseCounts(self.matrix, row_base, n_bases)
        else:
            self._base_counts.move(self.matrix, row_base)
        return self._base_counts

    def _bases(self, points: np.ndarray, rows: np.ndarray, work: Work) -> tuple[np.ndarray, ...]:
        """(centres, weights, base per point) of the base clusters, warm when possible."""
        if points.shape[0] > LARGE_ROOM:
            if self._large is None:
                self._large, iterations = fit_large(points, rows)
            else:
                self._large, iterations = step_large(self._large, points, rows), 1
            work.base_kmeans_iterations += iterations
            return self._large.centers, self._large.weights, self._large.labels
        self._large = None
        previous = None if self.stable else self._base_centres
        centres, weights, base_of, iterations = base_clusters(points, previous)
        work.base_kmeans_iterations += iterations
        self._base_centres = centres if centres.shape[0] < points.shape[0] else None
        return centres, weights, base_of

    def _group(
        self, points: np.ndarray, rows: np.ndarray, work: Work
    ) -> tuple[np.ndarray, np.ndarray | None, list[Any]]:
        """Base cluster per clusterable participant and group per base (None: no groups)."""
        if points.shape[0] < max(2 * self.k, 2):
            self._base_centres, self._group_centres, self._large = None, {}, None
            return np.zeros(0, dtype=np.int64), None, [None, {}, 0]
        centres, weights, base_of = self._bases(points, rows, work)
        if self.stable:
            fits, group_work = consensus_candidates(centres, weights)
        else:
            fits, group_work = group_candidates(centres, weights, self._group_centres)
        work.group_kmeans_iterations += group_work
        self._group_centres = {k: fit.centers for k, fit in fits.items()}
        base_labels, score, scores, merged = choose_groups(centres, weights, fits, self.k)
        if base_labels is None:
            return base_of, None, [None, scores, 0]
        return base_of, relabel_bases(base_labels, base_of), [score, scores, merged]

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
