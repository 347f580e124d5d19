"""The vote matrix: participants x statements, kept incrementally.

Votes live in a CSR "base" (sorted column indices per row) plus a small "pending" store
for cells the base does not hold yet. A changed vote on a cell the base holds is written
in place; new cells go to pending until pending grows past a fraction of the base, then
the two are merged. Every computation reads both parts, so nothing is rebuilt per vote.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter

import numpy as np
import scipy.sparse as sp

from .errors import OpinionInputError

VoteTriple = tuple[str, str, int]
VALID_VOTES = (-1, 0, 1)
COMPACT_FRACTION = 0.1


@dataclass(slots=True)
class RowChange:
    """A participant's votes before and after an update, over the statements they touched."""

    row: int
    cols: np.ndarray
    old_vals: np.ndarray
    old_voted: np.ndarray
    new_vals: np.ndarray


@dataclass
class VoteMatrix:
    voters: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    voter_index: dict[str, int] = field(default_factory=dict)
    statement_index: dict[str, int] = field(default_factory=dict)
    _indptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    _indices: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    _vals: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    _pending: dict[int, dict[int, float]] = field(default_factory=dict)
    _n_pending: int = 0
    row_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    col_sums: np.ndarray = field(default_factory=lambda: np.zeros(0))
    col_counts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    col_abs: np.ndarray = field(default_factory=lambda: np.zeros(0))  # agrees + disagrees
    skipped: set[str] = field(default_factory=set)  # skipped statements seen in votes
    _writes: int = 0  # in-place changes of base cells
    _cache: tuple = ()
    _cache_key: tuple = ()

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.voters), len(self.statements)

    @property
    def n_votes(self) -> int:
        return int(self._vals.size + self._n_pending)

    def column_means(self) -> np.ndarray:
        """Mean vote per statement over those who voted on it (0 where nobody did)."""
        return np.divide(
            self.col_sums,
            self.col_counts,
            out=np.zeros_like(self.col_sums),
            where=self.col_counts > 0,
        )

    # -- building -----------------------------------------------------------------------

    def _intern(
        self, ids: list, names: list[str], index: dict[str, int], skip: Collection[str] = ()
    ) -> np.ndarray:
        """Codes of ids (as strings), adding unseen ids in order of first appearance.

        Ids in ``skip`` are not added and get code -1.
        """
        try:
            unique = dict.fromkeys(ids)
            plain = all(type(i) is str for i in unique)
        except TypeError:  # unhashable ids: let str() decide
            plain = False
        if not plain:
            ids = list(map(str, ids))
            unique = dict.fromkeys(ids)
        skipped = [name for name in unique if name in skip] if skip else []
        new = [name for name in unique if name not in index and name not in skipped]
        index.update(zip(new, range(len(names), len(names) + len(new)), strict=True))
        names.extend(new)
        lookup = dict.fromkeys(skipped, -1) | index if skipped else index
        self.skipped.update(skipped)
        if len(ids) < 2:
            return np.asarray([lookup[i] for i in ids], dtype=np.int64)
        return np.asarray(itemgetter(*ids)(lookup), dtype=np.int64)

    def _codes(
        self, voters: list, statements: list, vals: np.ndarray, skip: Collection[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, cols, votes) of the cells, leaving out statements in ``skip``."""
        cols = self._intern(statements, self.statements, self.statement_index, skip)
        kept = cols >= 0
        if not kept.all():
            voters, cols, vals = list(compress(voters, kept.tolist())), cols[kept], vals[kept]
        return self._intern(voters, self.voters, self.voter_index), cols, vals

    def _grow(self) -> None:
        n, s = self.shape
        if self.row_counts.size < n:
            self.row_counts = np.concatenate(
                [self.row_counts, np.zeros(n - self.row_counts.size, dtype=np.int64)]
            )
            self._indptr = np.concatenate(
                [self._indptr, np.full(n + 1 - self._indptr.size, self._indptr[-1])]
            )
        if self.col_sums.size < s:
            pad = np.zeros(s - self.col_sums.size)
            self.col_sums = np.concatenate([self.col_sums, pad])
            self.col_counts = np.concatenate([self.col_counts, pad])
            self.col_abs = np.concatenate([self.col_abs, pad])

    @staticmethod
    def check(votes: Sequence[VoteTriple]) -> None:
        """Refuse anything but (voter, statement, vote) triples with vote 1, -1 or 0."""
        for position, triple in enumerate(votes):
            if len(triple) != 3 or triple[2] not in VALID_VOTES:
                if len(triple) != 3:
                    raise OpinionInputError(
                        f"vote #{position} is {triple!r}; expected (voter, statement, vote)."
                    )
                raise OpinionInputError(
                    f"vote #{position} ({triple[0]!r} on {triple[1]!r}) is {triple[2]!r}; "
                    "expected 1 (agree), -1 (disagree) or 0 (pass)."
                )

    def add_bulk(self, votes: Sequence[VoteTriple]) -> None:
        """Load many votes into an empty matrix at once; a later triple wins over an earlier one."""
        if self.shape != (0, 0):
            raise RuntimeError("add_bulk is for an empty matrix; use update().")
        self.merge_columns(*split_votes(votes))

    def load_triples(self, votes: Sequence[VoteTriple], skip: Collection[str] = ()) -> int | None:
        """Fast ``merge_columns(*split_votes(votes), skip)`` into an empty matrix.

        One pass per column: ids are interned by first position (``dict.setdefault`` with a
        counter), then made dense with numpy. Returns None (nothing changed) when the input
        needs the general path: not plain (str, str, -1/0/1) triples, or a non-empty matrix.
        """
        if self.shape != (0, 0) or self._vals.size or not len(votes):
            return None
        try:
            if set(map(len, votes)) != {3}:
                return None
            # columns by itemgetter: unlike zip(*votes), no object per triple (which would
            # wake the garbage collector, costly in a process holding many objects)
            voters, statements, raw = (list(map(itemgetter(i), votes)) for i in range(3))
            if not set(raw) <= {-1, 0, 1}:
                return None
            try:  # plain ints (bools included): array's C loop is the quickest conversion
                vals = np.frombuffer(array("b", raw), dtype=np.int8).astype(np.float64)
            except TypeError:
                vals = np.array(raw, dtype=np.float64)
            voter_pos: dict[str, int] = {}
            statement_pos: dict[str, int] = {}
            # each id's code is the position of its first vote (made dense below)
            rows = _int_array(map(voter_pos.setdefault, voters, count()))
            cols = _int_array(map(statement_pos.setdefault, statements, count()))
        except (TypeError, ValueError):  # unhashable ids, odd vote values: the general path
            return None
        if not all(type(i) is str for i in voter_pos) or not all(
            type(i) is str for i in statement_pos
        ):
            return None
        return self._load_first_positions(
            voters.__getitem__, statements.__getitem__, rows, cols, vals, statement_pos, skip
        )

    def load_coded(
        self,
        voter_names: list[str],
        statement_names: list[str],
        voter_codes: np.ndarray,
        statement_codes: np.ndarray,
        vals: np.ndarray,
        skip: Collection[str] = (),
    ) -> int | None:
        """``load_triples`` of votes already coded (``voter_names[voter_codes[i]]`` voted
        ``vals[i]`` on ``statement_names[statement_codes[i]]``): the same matrix, without
        making a string triple per vote and interning it again. None as load_triples."""
        if self.shape != (0, 0) or self._vals.size or not vals.size:
            return None
        vcodes, vfirst = np.unique(voter_codes, return_index=True)
        scodes, sfirst = np.unique(statement_codes, return_index=True)
        vpos = np.zeros(len(voter_names), dtype=np.int64)
        vpos[vcodes] = vfirst  # each code's first position
        spos = np.zeros(len(statement_names), dtype=np.int64)
        spos[scodes] = sfirst
        names = map(statement_names.__getitem__, scodes.tolist())
        statement_pos = dict(zip(names, sfirst.tolist(), strict=True))
        return self._load_first_positions(
            lambda p: voter_names[voter_codes[p]],
            lambda p: statement_names[statement_codes[p]],
            vpos[voter_codes],
            spos[statement_codes],
            np.asarray(vals, dtype=np.float64),
            statement_pos,
            skip,
        )

    def _load_first_positions(
        self,
        voter_at: Callable[[int], str],
        statement_at: Callable[[int], str],
        rows: np.ndarray,
        cols: np.ndarray,
        vals: np.ndarray,
        statement_pos: dict[str, int],
        skip: Collection[str],
    ) -> int:
        """Load votes whose voter and statement are coded by the position of their first
        vote (``voter_at(p)``: the id voting at position p)."""
        n = vals.size
        skipped = [name for name in statement_pos if name in skip] if skip else []
        if skipped:
            out = np.zeros(n, dtype=bool)
            out[[statement_pos[name] for name in skipped]] = True
            kept = ~out[cols]
            rows, cols, vals = rows[kept], cols[kept], vals[kept]
            if not rows.size:
                self.skipped.update(skipped)
                return 0
            first = np.full(n, rows.size, dtype=np.int64)  # first kept vote of each voter
            np.minimum.at(first, rows, np.arange(rows.size))
            present = np.flatnonzero(first < rows.size)
            voter_order = present[np.argsort(first[present], kind="stable")]
            statement_order = np.flatnonzero(~out & _marks(n, cols))
        else:
            voter_order = np.flatnonzero(_marks(n, rows))
            statement_order = np.flatnonzero(_marks(n, cols))
        self.voters = list(map(voter_at, voter_order.tolist()))
        self.statements = list(map(statement_at, statement_order.tolist()))
        self.voter_index = dict(zip(self.voters, range(len(self.voters)), strict=True))
        self.statement_index = dict(zip(self.statements, range(len(self.statements)), strict=True))
        self.skipped.update(skipped)
        self.load_arrays(_dense(n, voter_order)[rows], _dense(n, statement_order)[cols], vals)
        return int(rows.size)

    def merge_columns(
        self, voters: list, statements: list, vals: np.ndarray, skip: Collection[str] = ()
    ) -> int:
        """Rebuild the cells with these votes after the current ones (a later vote wins).

        Votes on statements in ``skip`` are left out; returns the number of votes kept.
        """
        self.compact()
        old_rows = np.repeat(np.arange(self.shape[0], dtype=np.int64), self.row_counts)
        old_cols, old_vals = self._indices.astype(np.int64), self._vals
        rows, cols, vals = self._codes(voters, statements, vals, skip)
        if not rows.size:
            return 0
        self.load_arrays(
            np.concatenate([old_rows, rows]),
            np.concatenate([old_cols, cols]),
            np.concatenate([old_vals, vals]),
        )
        return int(rows.size)

    def load_arrays(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> None:
        """Replace the cells by index arrays (ids already interned); later entries win."""
        n, s = self.shape
        keys = rows.astype(np.int64) * max(s, 1) + cols
        m = keys.size
        if m and n * max(s, 1) < 2**62 // m:  # unique keys carrying their position: a fast sort
            packed = np.sort(keys * m + np.arange(m))
            keys = packed // m
            order = packed - keys * m
        else:
            order = np.argsort(keys, kind="stable")
            keys = keys[order]
        last = np.ones(keys.size, dtype=bool)
        last[:-1] = keys[1:] != keys[:-1]  # the latest of equal keys comes last
        keys, vals = keys[last], vals[order][last]
        rows = keys // max(s, 1)
        self._indices = (keys - rows * max(s, 1)).astype(np.int32)
        self._vals = vals.astype(np.float64)
        self._indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        self._pending, self._n_pending = {}, 0
        self.row_counts = np.diff(self._indptr)
        self.col_counts = np.bincount(self._indices, minlength=s).astype(np.float64)
        self.col_sums = np.bincount(self._indices, weights=self._vals, minlength=s)
        self.col_abs = np.bincount(self._indices, weights=np.abs(self._vals), minlength=s)

    def update(self, votes: Sequence[VoteTriple]) -> list[RowChange]:
        """Apply a few votes in place; return what changed per participant."""
        return self.update_columns(*split_votes(votes))

    def update_columns(
        self, voters: list, statements: list, vals: np.ndarray, skip: Collection[str] = ()
    ) -> list[RowChange]:
        """``update`` on already split and checked columns (statements in ``skip`` left out)."""
        rows, cols, vals = self._codes(voters, statements, vals, skip)
        self._grow()
        latest: dict[int, dict[int, float]] = {}
        for row, col, value in zip(rows.tolist(), cols.tolist(), vals.tolist(), strict=True):
            latest.setdefault(row, {})[col] = value
        changes = [self._update_row(row, cells) for row, cells in latest.items()]
        if self._n_pending > COMPACT_FRACTION * max(self._vals.size, 1000):
            self.compact()
        return changes

    def _update_row(self, row: int, cells: dict[int, float]) -> RowChange:
        cols = np.fromiter(cells, dtype=np.int64, count=len(cells))
        new_vals = np.fromiter(cells.values(), dtype=np.float64, count=len(cells))
        old_vals = np.zeros(cols.size)
        old_voted = np.zeros(cols.size, dtype=bool)
        start, stop = self._indptr[row], self._indptr[row + 1]
        base_cols = self._indices[start:stop]
        pending = self._pending.setdefault(row, {})
        for i, (col, value) in enumerate(zip(cols.tolist(), new_vals.tolist(), strict=True)):
            where = start + int(np.searchsorted(base_cols, col))
            if where < stop and self._indices[where] == col:
                old_vals[i], old_voted[i] = self._vals[where], True
                self._vals[where] = value
                self._writes += 1
            elif col in pending:
                old_vals[i], old_voted[i] = pending[col], True
                pending[col] = value
            else:
                pending[col] = value
                self._n_pending += 1
        if not pending:
            del self._pending[row]
        new_cells = ~old_voted
        self.row_counts[row] += int(new_cells.sum())
        np.add.at(self.col_counts, cols[new_cells], 1.0)
        np.add.at(self.col_sums, cols, new_vals - old_vals)
        np.add.at(self.col_abs, cols, np.abs(new_vals) - np.abs(old_vals))
        return RowChange(row, cols, old_vals, old_voted, new_vals)

    def compact(self) -> None:
        """Merge pending cells into the CSR base."""
        if not self._n_pending:
            return
        base = self.values_part(base=True).tocoo()
        extra = self.values_part(base=False).tocoo()
        rows = np.concatenate([base.row, extra.row]).astype(np.int64)
        cols = np.concatenate([base.col, extra.col]).astype(np.int64)
        vals = np.concatenate([base.data, extra.data])
        order = np.lexsort((cols, rows))
        self._indices = cols[order].astype(np.int32)
        self._vals = vals[order]
        self._indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=self.shape[0]))])
        self._pending, self._n_pending = {}, 0

    # -- reading ------------------------------------------------------------------------

    def values_part(self, base: bool) -> sp.csr_matrix:
        """The base or pending cells as CSR (votes as values, passes as explicit zeros)."""
        shape = self.shape
        if base:
            return self._base_parts()[0]
        rows = [r for r, cells in self._pending.items() for _ in cells]
        cols = [c for cells in self._pending.values() for c in cells]
        vals = [v for cells in self._pending.values() for v in cells.values()]
        return sp.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)

    def _base_parts(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The base cells as CSR and its voted mask, cached until the base changes."""
        key = (id(self._vals), id(self._indices), id(self._indptr), self.shape, self._writes)
        if self._cache_key != key:
            part = sp.csr_matrix((self._vals, self._indices, self._indptr), shape=self.shape)
            self._cache, self._cache_key = (part, mask_of(part)), key
        return self._cache

    def base_mask(self) -> sp.csr_matrix:
        return self._base_parts()[1]

    def parts(self) -> list[sp.csr_matrix]:
        parts = [self.values_part(base=True)]
        if self._n_pending:
            parts.append(self.values_part(base=False))
        return parts

    def entries(self, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, statement, vote) of every cell, or of the cells of ``rows`` (base and pending)."""
        if rows is None:
            out_rows = np.repeat(np.arange(self.shape[0]), np.diff(self._indptr))
            cols, vals = self._indices.astype(np.int64), self._vals
            pending_rows = list(self._pending)
        else:
            starts, stops = self._indptr[rows], self._indptr[rows + 1]
            lengths = stops - starts
            out_rows = np.repeat(rows, lengths)
            offsets = np.arange(int(lengths.sum())) - np.repeat(
                np.cumsum(lengths) - lengths, lengths
            )
            where = np.repeat(starts, lengths) + offsets
            cols, vals = self._indices[where].astype(np.int64), self._vals[where]
            pending_rows = [r for r in rows.tolist() if r in self._pending]
        if pending_rows:
            extra = [(r, c, v) for r in pending_rows for c, v in self._pending[r].items()]
            r_, c_, v_ = (np.asarray(x) for x in zip(*extra, strict=True))
            out_rows = np.concatenate([out_rows, r_.astype(np.int64)])
            cols = np.concatenate([cols, c_.astype(np.int64)])
            vals = np.concatenate([vals, v_.astype(np.float64)])
        return out_rows, cols, vals

    def row_entries(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(statement indices, votes) of one participant."""
        start, stop = self._indptr[row], self._indptr[row + 1]
        cols = self._indices[start:stop].astype(np.int64)
        vals = self._vals[start:stop]
        pending = self._pending.get(row)
        if pending:
            cols = np.concatenate([cols, np.fromiter(pending, dtype=np.int64)])
            vals = np.concatenate([vals, np.fromiter(pending.values(), dtype=np.float64)])
        return cols, vals


def _int_array(ints: Iterable[int]) -> np.ndarray:
    return np.frombuffer(array("q", list(ints)), dtype=np.int64)


def _marks(n: int, positions: np.ndarray) -> np.ndarray:
    marks = np.zeros(n, dtype=bool)
    marks[positions] = True
    return marks


def _dense(n: int, order: np.ndarray) -> np.ndarray:
    """Code of each first position: its rank in ``order``."""
    codes = np.full(n, -1, dtype=np.int64)
    codes[order] = np.arange(order.size)
    return codes


def split_votes(votes: Sequence[VoteTriple]) -> tuple[list, list, np.ndarray]:
    """Checked columns of triples: voter ids, statement ids (see ``as_str``), votes as floats."""
    try:
        if len(votes) and set(map(len, votes)) != {3}:
            raise ValueError("not triples")
        vals = np.asarray([triple[2] for triple in votes])
        ok = vals.dtype.kind in "biuf" and bool(((vals == 1) | (vals == 0) | (vals == -1)).all())
    except (TypeError, ValueError):
        ok = False
    if not ok:
        VoteMatrix.check(votes)  # raises with the position of the first bad triple
        vals = np.asarray([float(triple[2]) for triple in votes])
    voters = [triple[0] for triple in votes]
    statements = [triple[1] for triple in votes]
    return voters, statements, vals.astype(np.float64).reshape(-1)


def as_str(ids: list) -> list[str]:
    """The ids as strings (the same list when they already are)."""
    try:
        if all(type(i) is str for i in dict.fromkeys(ids)):
            return ids
    except TypeError:  # unhashable ids: let str() decide
        pass
    return list(map(str, ids))


def mask_of(part: sp.csr_matrix, value: float | None = None) -> sp.csr_matrix:
    """Same structure as ``part``; 1 where voted (or where the vote equals ``value``)."""
    data = np.ones_like(part.data) if value is None else (part.data == value).astype(np.float64)
    return sp.csr_matrix((data, part.indices, part.indptr), shape=part.shape)
