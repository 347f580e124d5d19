"""Composition of a meeting: who sits at the table, counted along the lines convenors balance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
    count: int
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
    total: int
    counts: dict[str, list[tuple[str, int]]]

    def rows(self) -> list[Dimension]:
        """One entry per dimension, laid out for a table and a bar chart."""
        out = []
        for key, label in DIMENSIONS:
            largest = max((n for _, n in self.counts[key]), default=1)
            bars = [
                Bar(
                    value,
                    n,
                    n / self.total if self.total else 0.0,
                    i * BAR_PITCH,
                    round(BAR_SPACE * n / largest, 1),
                )
                for i, (value, n) in enumerate(self.counts[key])
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
