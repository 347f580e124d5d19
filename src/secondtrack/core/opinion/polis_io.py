"""Read Polis exports (``votes.csv``, ``comments.csv``) into plain Python values."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import numpy as np

from .errors import OpinionInputError

VoteTriple = tuple[str, str, int]

VOTES_COLUMNS = ("timestamp", "comment-id", "voter-id", "vote")
COMMENTS_COLUMNS = ("comment-id", "moderated", "comment-body")


@dataclass(frozen=True, slots=True)
class VoteEvent:
    """One row of a Polis ``votes.csv``: a reaction at a moment."""

    timestamp: float
    voter_id: str
    statement_id: str
    vote: int


@dataclass(frozen=True, slots=True)
class PolisComment:
    """One row of a Polis ``comments.csv``; ``moderated`` is -1 (out), 0 (unmoderated) or 1 (in)."""

    statement_id: str
    text: str
    moderated: int


def _rows(path: str | Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for a CSV file, refusing one without the required columns."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        raise OpinionInputError(f"{path}: cannot be read ({exc.strerror}).") from exc
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in required if name not in header]
        if missing:
            raise OpinionInputError(
                f"{path}, line 1: missing column(s) {', '.join(missing)}; "
                f"a Polis export has {','.join(required)} (and others)."
            )
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:
            raise OpinionInputError(f"{path}, line {reader.line_num}: {exc}.") from exc


def _field(path: str | Path, line: int, row: dict[str, str], name: str) -> str:
    value = row.get(name)
    if value is None:
        raise OpinionInputError(f"{path}, line {line}: too few fields; '{name}' is missing.")
    value = value.strip()
    if not value:
        raise OpinionInputError(f"{path}, line {line}: '{name}' is empty.")
    return value


def _vote(path: str | Path, line: int, text: str) -> int:
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number not in (1.0, -1.0, 0.0):
        raise OpinionInputError(
            f"{path}, line {line}: vote is '{text}'; expected 1 (agree), -1 (disagree) or 0 (pass)."
        )
    return int(number)


def _timestamp(path: str | Path, line: int, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise OpinionInputError(
            f"{path}, line {line}: timestamp is '{text}'; expected a number (milliseconds)."
        ) from None


def read_polis_vote_events(path: str | Path) -> list[VoteEvent]:
    """Every row of a Polis ``votes.csv`` in file order, validated.

    Equal ids share one string object (less memory; the pipeline's id lookups then compare
    identities instead of characters).
    """
    events: list[VoteEvent] = []
    shared: dict[str, str] = {}
    for line, row in _rows(path, VOTES_COLUMNS):
        if None in row:
            raise OpinionInputError(f"{path}, line {line}: more fields than the header names.")
        timestamp = _timestamp(path, line, _field(path, line, row, "timestamp"))
        voter, statement = (_field(path, line, row, name) for name in ("voter-id", "comment-id"))
        events.append(
            VoteEvent(
                timestamp=timestamp,
                voter_id=shared.setdefault(voter, voter),
                statement_id=shared.setdefault(statement, statement),
                vote=_vote(path, line, _field(path, line, row, "vote")),
            )
        )
    return events


def latest_votes(events: list[VoteEvent]) -> list[VoteTriple]:
    """Keep the latest vote per (voter, statement); a tie in timestamp goes to the later row."""
    latest: dict[tuple[str, str], tuple[float, int, int]] = {}
    for order, event in enumerate(events):
        key = (event.voter_id, event.statement_id)
        seen = latest.get(key)
        if seen is None or (event.timestamp, order) >= seen[:2]:
            latest[key] = (event.timestamp, order, event.vote)
    ordered = sorted(latest.items(), key=lambda item: item[1][:2])
    return [(voter, statement, vote) for (voter, statement), (_, _, vote) in ordered]


def read_polis_votes(path: str | Path) -> list[VoteTriple]:
    """(voter_id, statement_id, vote) from a Polis ``votes.csv``; the latest vote wins."""
    return latest_vote_columns(read_polis_vote_columns(path))


def read_polis_comments(path: str | Path) -> list[PolisComment]:
    """Statements of a Polis ``comments.csv`` with their moderation state."""
    comments: list[PolisComment] = []
    for line, row in _rows(path, COMMENTS_COLUMNS):
        moderated = _field(path, line, row, "moderated")
        if moderated not in ("-1", "0", "1"):
            raise OpinionInputError(
                f"{path}, line {line}: moderated is '{moderated}'; expected -1, 0 or 1."
            )
        comments.append(
            PolisComment(
                statement_id=_field(path, line, row, "comment-id"),
                text=(row.get("comment-body") or "").strip(),
                moderated=int(moderated),
            )
        )
    return comments


def moderated_out(comments: list[PolisComment]) -> set[str]:
    """Ids of statements a moderator removed (Polis leaves them out of the math)."""
    return {comment.statement_id for comment in comments if comment.moderated == -1}


def polis_clusterable(events: list[VoteEvent], min_votes: int = 7) -> set[str]:
    """Voters Polis would have let into clustering at some point of the conversation.

    Polis admits a participant once they have voted on min(7, statements so far) and never
    lets them out again, so early voters stay in with fewer votes. Replays the log in time
    order (a statement exists from its first vote) to find them.
    """
    seen_statements: set[str] = set()
    voted: dict[str, set[str]] = {}
    admitted: set[str] = set()
    for event in sorted(events, key=lambda e: e.timestamp):
        seen_statements.add(event.statement_id)
        mine = voted.setdefault(event.voter_id, set())
        mine.add(event.statement_id)
        if len(mine) >= min(min_votes, len(seen_statements)):
            admitted.add(event.voter_id)
    return admitted


# -- fast path: columns instead of one object per row ------------------------------------


@dataclass(frozen=True)
class VoteColumns:
    """The rows of a Polis ``votes.csv`` as columns, in file order."""

    timestamps: np.ndarray  # float64
    voters: list[str]
    statements: list[str]
    votes: list[int]
    # dense codes in order of first appearance, and the distinct ids (computed once)
    codes: tuple[np.ndarray, list[str], np.ndarray, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.voters)

    def coded(self) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
        if self.codes is not None:
            return self.codes
        v, voter_names = _codes(self.voters)
        s, statement_names = _codes(self.statements)
        return v, voter_names, s, statement_names


_VOTE_TEXT = {"1": 1, "-1": -1, "0": 0, "1.0": 1, "-1.0": -1, "0.0": 0, "-0": 0, "-0.0": 0}


def read_polis_vote_columns(path: str | Path) -> VoteColumns:
    """Every row of a Polis ``votes.csv`` as columns, validated as ``read_polis_vote_events``
    does (same messages), about five times faster: ``csv.reader`` rows, no object per row,
    timestamps parsed by numpy in one call; a plain export (integers only where the columns
    are read, no quotes) is parsed by numpy's C reader, faster again."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        raise OpinionInputError(f"{path}: cannot be read ({exc.strerror}).") from exc
    with handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        missing = [name for name in VOTES_COLUMNS if name not in header]
        if missing:
            raise OpinionInputError(
                f"{path}, line 1: missing column(s) {', '.join(missing)}; "
                f"a Polis export has {','.join(VOTES_COLUMNS)} (and others)."
            )
        width = len(header)
        its, ic, iv, ivote = (header.index(name) for name in VOTES_COLUMNS)
        plain = _plain_integer_columns(handle, (its, ic, iv, ivote))
        if plain is not None:
            return plain
        handle.seek(0)
        reader = csv.reader(handle)
        next(reader)
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise OpinionInputError(f"{path}, line {reader.line_num}: {exc}.") from exc
    if len(set(map(len, rows))) > 1 or (rows and len(rows[0]) != width):
        rows = [row for row in rows if row]  # DictReader skips blank lines too
        if any(len(row) != width for row in rows):
            return _checked_columns(path)
    voters = list(map(itemgetter(iv), rows))
    statements = list(map(itemgetter(ic), rows))
    votes = list(map(_VOTE_TEXT.get, map(itemgetter(ivote), rows)))
    stamps = list(map(itemgetter(its), rows))
    v, voter_names = _codes(voters)
    s, statement_names = _codes(statements)
    ids = voter_names + statement_names
    joined = "\x00".join(ids)  # a blank or padded id: the careful reader decides
    if None in votes or "" in ids or " " in joined or "\t" in joined:
        return _checked_columns(path)
    try:
        timestamps = np.array(stamps, dtype=np.float64)
    except ValueError:
        return _checked_columns(path)
    codes = (v, voter_names, s, statement_names)
    return VoteColumns(timestamps, voters, statements, votes, codes)  # type: ignore[arg-type]


# A field that a number parser would read but whose text is not the id it stands for
# ("012", "+5") sends the file to the csv path, which keeps ids as written. Literal scans,
# not one regex with anchors: this runs on every export (30k rows: about 3 ms).
_LEADING_ZERO = (re.compile(r",-?0\d"), re.compile(r"\n-?0\d"), re.compile(r"-?0\d"))


def _plain_text(body: str) -> bool:
    if '"' in body or "+" in body:
        return False
    anywhere, line_start, first = _LEADING_ZERO
    return not (anywhere.search(body) or line_start.search(body) or first.match(body))


def _plain_integer_columns(handle, columns: tuple[int, int, int, int]) -> VoteColumns | None:
    """The columns of a plain export (no quote anywhere, integers in the four columns read,
    votes -1, 0 or 1) parsed by numpy's C reader; None for anything else, which the csv path
    then reads or explains. ``handle`` is just past the header."""
    body = handle.read()
    if not _plain_text(body):
        return None
    its, ic, iv, ivote = columns
    try:
        table = np.loadtxt(
            io.StringIO(body),
            delimiter=",",
            usecols=columns,
            dtype=np.int64,
            ndmin=2,
            comments=None,
        )
    except ValueError:
        return None
    if not table.size:
        return None
    order = {index: k for k, index in enumerate(columns)}
    votes = table[:, order[ivote]]
    if not np.isin(votes, (-1, 0, 1)).all():
        return None
    v, voter_names = _integer_codes(table[:, order[iv]])
    s, statement_names = _integer_codes(table[:, order[ic]])
    return VoteColumns(
        table[:, order[its]].astype(np.float64),
        list(map(voter_names.__getitem__, v.tolist())),
        list(map(statement_names.__getitem__, s.tolist())),
        votes.tolist(),
        (v, voter_names, s, statement_names),
    )


def _integer_codes(ids: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """``_codes`` for integer ids: dense codes in order of first appearance."""
    distinct, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    appearance = np.argsort(first, kind="stable")
    rank = np.empty(distinct.size, dtype=np.int64)
    rank[appearance] = np.arange(distinct.size)
    return rank[inverse.ravel()], [str(x) for x in distinct[appearance].tolist()]


def _checked_columns(path: str | Path) -> VoteColumns:
    """Anything unusual (a bad or padded field): the row-by-row reader, which names the
    line and the problem, or reads what it can (spaces around fields are stripped)."""
    events = read_polis_vote_events(path)
    return VoteColumns(
        np.array([e.timestamp for e in events], dtype=np.float64),
        [e.voter_id for e in events],
        [e.statement_id for e in events],
        [e.vote for e in events],
    )


def _codes(names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Dense codes in order of first appearance, and the distinct names."""
    index: dict[str, int] = {}
    codes = np.array([index.setdefault(x, len(index)) for x in names], dtype=np.int64)
    return codes, list(index)


def _id_key(value: str) -> tuple[int, int, str]:
    return (0, int(value), value) if value.isdigit() else (1, 0, value)


@dataclass(frozen=True)
class CodedVotes:
    """Votes as codes: ``voters[rows[i]]`` voted ``vals[i]`` on ``statements[cols[i]]``."""

    voters: list[str]
    statements: list[str]
    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray  # int8: -1, 0, 1

    def __len__(self) -> int:
        return int(self.vals.size)

    def triples(self) -> list[VoteTriple]:
        return list(
            zip(
                map(self.voters.__getitem__, self.rows.tolist()),  # one string per id
                map(self.statements.__getitem__, self.cols.tolist()),
                self.vals.tolist(),
                strict=True,
            )
        )


def latest_vote_columns(columns: VoteColumns, canonical: bool = False) -> list[VoteTriple]:
    """``latest_votes`` on columns: the latest vote per cell, a tie to the later row.

    ``canonical``: the triples in voter-id then statement-id order (numeric ids as
    numbers), the order ``stable.canonical_votes`` gives, computed on integer codes.
    """
    return latest_vote_codes(columns, canonical).triples()


def latest_vote_codes(columns: VoteColumns, canonical: bool = False) -> CodedVotes:
    """``latest_vote_columns`` without making the triples (``CodedVotes.triples()`` does)."""
    v, voter_names, s, statement_names = columns.coded()
    if not len(columns):
        empty = np.zeros(0, dtype=np.int64)
        return CodedVotes(voter_names, statement_names, empty, empty, empty.astype(np.int8))
    key = v * len(statement_names) + s
    order = np.lexsort((np.arange(key.size), columns.timestamps, key))
    ordered = key[order]
    last = np.r_[ordered[1:] != ordered[:-1], True]
    winners = order[last]
    if canonical:
        vrank = np.empty(len(voter_names), dtype=np.int64)
        vrank[sorted(range(len(voter_names)), key=lambda i: _id_key(voter_names[i]))] = np.arange(
            len(voter_names)
        )
        srank = np.empty(len(statement_names), dtype=np.int64)
        srank[sorted(range(len(statement_names)), key=lambda i: _id_key(statement_names[i]))] = (
            np.arange(len(statement_names))
        )
        winners = winners[np.lexsort((srank[s[winners]], vrank[v[winners]]))]
    else:
        winners = np.sort(winners)
    votes = np.asarray(columns.votes, dtype=np.int8)
    return CodedVotes(voter_names, statement_names, v[winners], s[winners], votes[winners])


def polis_clusterable_columns(columns: VoteColumns, min_votes: int = 7) -> set[str]:
    """``polis_clusterable`` on columns, vectorised: a voter is admitted once their distinct
    statements reach min(min_votes, statements seen so far), at any moment of the log."""
    if not len(columns):
        return set()
    order = np.argsort(columns.timestamps, kind="stable")
    v, names, s, statement_names = columns.coded()
    v, s = v[order], s[order]
    n = v.size
    first_statement = np.zeros(n, dtype=np.int64)
    _, where = np.unique(s, return_index=True)
    first_statement[where] = 1
    seen = np.cumsum(first_statement)  # statements existing at each event
    first_pair = np.zeros(n, dtype=np.int64)
    _, where = np.unique(v * len(statement_names) + s, return_index=True)
    first_pair[where] = 1
    by_voter = np.lexsort((np.arange(n), v))
    counts = first_pair[by_voter]
    running = np.cumsum(counts)
    starts = np.flatnonzero(np.r_[True, v[by_voter][1:] != v[by_voter][:-1]])
    offset = np.repeat(running[starts] - counts[starts], np.diff(np.r_[starts, n]))
    distinct = np.empty(n, dtype=np.int64)
    distinct[by_voter] = running - offset
    admitted = np.unique(v[distinct >= np.minimum(min_votes, seen)])
    return {names[i] for i in admitted.tolist()}
