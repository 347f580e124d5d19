"""The "same faces" index of a series (design §7: a small gene pool of regulars).

For each meeting, in order: how many sat at the table and how many of them had sat at an
earlier meeting of the series. For the series: the share of seats taken by returning
people, and how concentrated attendance is — the share of all seats held by the fifth of
people who attend most (0.2 when everyone comes equally often; near 1 when a few regulars
fill the room while newcomers come once).

What it cannot tell: whether returning people are the right people. Continuity is also a
strength of a series; the index shows it, it does not judge it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import suppression
from .suppression import Shown


@dataclass(frozen=True)
class MeetingFaces:
    label: str
    seats: int
    returning: int
    k: int = 0

    @property
    def share(self) -> float:
        return self.returning / self.seats if self.seats else 0.0

    @property
    def seats_shown(self) -> Shown:
        return suppression.count(self.seats, self.k)

    @property
    def returning_shown(self) -> Shown:
        """Under k, neither the returning nor the new count is shown (one gives the other)."""
        if self.k and (0 < self.returning < self.k or 0 < self.seats - self.returning < self.k):
            return Shown(None, "not shown (too few to count)")
        return Shown(self.returning, str(self.returning))

    @property
    def share_shown(self) -> str:
        if self.returning_shown.value is None or self.seats_shown.value is None:
            return "—"
        return f"{round(100 * self.share)}%"

    @property
    def bar_width(self) -> float:
        """For the chart: 0 when the share is not shown."""
        return 0.0 if self.share_shown == "—" else round(200 * self.share, 1)


@dataclass(frozen=True)
class SameFaces:
    meetings: list[MeetingFaces]
    people: int
    seats: int
    returning_share: float  # of seats at every meeting after the first
    top_fifth_share: float  # of all seats, held by the fifth who attend most

    @property
    def chart_height(self) -> int:
        return 18 * len(self.meetings) + 4


def same_faces(attendance: Sequence[tuple[str, set[int]]], k: int = 0) -> SameFaces:
    """`attendance`: (meeting label, ids of the people who sat at it), oldest first. With
    `k`, counts that would describe fewer than k people are not shown."""
    seen: set[int] = set()
    rows = []
    for label, people in attendance:
        rows.append(MeetingFaces(label, len(people), len(people & seen), k))
        seen |= people
    counts = Counter(pid for _, people in attendance for pid in people)
    seats = sum(counts.values())
    later = rows[1:]
    later_seats = sum(r.seats for r in later)
    top = sorted(counts.values(), reverse=True)[: math.ceil(len(counts) / 5)] if counts else []
    return SameFaces(
        meetings=rows,
        people=len(counts),
        seats=seats,
        returning_share=sum(r.returning for r in later) / later_seats if later_seats else 0.0,
        top_fifth_share=sum(top) / seats if seats else 0.0,
    )
