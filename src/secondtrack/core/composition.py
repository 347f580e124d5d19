"""Composition of a meeting: who sits at the table, counted along the lines convenors balance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import suppression
from .suppression import Shown

DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("country", "Country"),
    ("sector", "Sector"),
    ("band", "Officialness"),
    ("gender", "Gender"),
    ("newcomer", "In this series"),
)


@dataclass(frozen=True)
class Attendee:
    country: str
    sector: str
    band: str
    gender: str
    first_time: bool


BAR_PITCH = 18  # vertical room per bar in the chart, in SVG units
BAR_SPACE = 120  # width of the longest bar


@dataclass(frozen=True)
class Bar:
    value: str
    count: int | None  # None when suppressed
    label: str  # the count as shown: "4", or "fewer than 3"
    share: float
    y: int
    width: float


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    bars: list[Bar]
    height: int


@dataclass(frozen=True)
class Composition:
    """Counts along each dimension. With ``k`` set, no count describes fewer than k people:
    small cells and their complements are suppressed (core/suppression.py), and a room
    smaller than k is not described at all."""

    total: int
    counts: dict[str, list[tuple[str, int]]]
    k: int = 0  # 0: exact, for those who see the participant list in full anyway

    def suppressed(self, k: int) -> Composition:
        return replace(self, k=k)

    @property
    def described(self) -> bool:
        return not (0 < self.total < self.k)

    @property
    def total_shown(self) -> Shown:
        return suppression.count(self.total, self.k)

    def cells(self, key: str) -> list[tuple[str, Shown]]:
        if not self.described:
            return []
        if not self.k:
            return [(value, Shown(n, str(n))) for value, n in self.counts[key]]
        return suppression.dimension(self.counts[key], self.k)

    def rows(self) -> list[Dimension]:
        """One entry per dimension, laid out for a table and a bar chart."""
        out = []
        for key, label in DIMENSIONS:
            cells = self.cells(key)
            largest = max((s.value or 0 for _, s in cells), default=1) or 1
            bars = [
                Bar(
                    value,
                    s.value,
                    s.label,
                    (s.value or 0) / self.total if self.total else 0.0,
                    i * BAR_PITCH,
                    round(BAR_SPACE * (s.value or 0) / largest, 1),
                )
                for i, (value, s) in enumerate(cells)
            ]
            out.append(Dimension(key, label, bars, max(1, len(bars)) * BAR_PITCH))
        return out


def compose(attendees: Iterable[Attendee]) -> Composition:
    counters: dict[str, Counter[str]] = {key: Counter() for key, _ in DIMENSIONS}
    total = 0
    for a in attendees:
        total += 1
        counters["country"][a.country or "unknown"] += 1
        counters["sector"][a.sector or "unknown"] += 1
        counters["band"][a.band] += 1
        counters["gender"][a.gender or "not stated"] += 1
        counters["newcomer"]["first time" if a.first_time else "returning"] += 1
    counts = {
        key: sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        for key, counter in counters.items()
    }
    return Composition(total, counts)
