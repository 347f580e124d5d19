"""A balloon's reactions in Polis's export format (votes.csv and comments.csv), for convenors.

Pseudonyms are renumbered 0..n-1 in random order (never their stored ids), statements
1..m in the page's order; no time finer than the day is stored, so every row carries the
day the balloon was floated. ``secondtrack opinion votes.csv --comments comments.csv``
reads the files back.
"""

from __future__ import annotations

import csv
import io
import secrets
from datetime import UTC, datetime, time

from secondtrack.balloons.models import Balloon, Reaction, Statement


def _statements(balloon: Balloon) -> list[Statement]:
    return sorted(balloon.statements.all(), key=lambda s: (s.kind != "proposal", s.kind, str(s.id)))


def _day(balloon: Balloon) -> tuple[int, str]:
    moment = datetime.combine(balloon.floated_on, time(12), tzinfo=UTC)
    return int(moment.timestamp() * 1000), moment.strftime("%a %b %d %Y 12:00:00 GMT+0000")


def votes_csv(balloon: Balloon) -> str:
    numbers = {s.id: n for n, s in enumerate(_statements(balloon), start=1)}
    rows = list(
        Reaction.objects.filter(pseudonym__balloon=balloon).values_list(
            "pseudonym_id", "statement_id", "vote"
        )
    )
    people = list({p for p, _, _ in rows})
    secrets.SystemRandom().shuffle(people)
    voter = {p: n for n, p in enumerate(people)}
    stamp, day = _day(balloon)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
    lines = sorted((voter[p], numbers[s], v) for p, s, v in rows)
    for person, statement, vote in lines:
        writer.writerow([stamp, day, statement, person, vote])
    return out.getvalue()


def comments_csv(balloon: Balloon) -> str:
    stamp, day = _day(balloon)
    counts: dict[object, list[int]] = {}
    for statement_id, vote in Reaction.objects.filter(pseudonym__balloon=balloon).values_list(
        "statement_id", "vote"
    ):
        tally = counts.setdefault(statement_id, [0, 0])
        tally[0] += vote == 1
        tally[1] += vote == -1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "timestamp",
            "datetime",
            "comment-id",
            "author-id",
            "agrees",
            "disagrees",
            "moderated",
            "comment-body",
        ]
    )
    for n, s in enumerate(_statements(balloon), start=1):
        agrees, disagrees = counts.get(s.id, [0, 0])
        # the author is never stored: author-id is empty for every statement
        writer.writerow([stamp, day, n, "", agrees, disagrees, 1, s.text])
    return out.getvalue()
