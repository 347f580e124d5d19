"""Track One uptake, as pure logic: the funnel of a series and the lineage of a proposal.

A *proposal* here is a chain of trial-balloon versions (floated, amended). The funnel
counts chains: floated → reaching consensus → transmitted to a Track One body → taken up
(a response "adopted" or "adopted in part"). No step carries who floated or amended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

TAKEN_UP = frozenset({"adopted", "adopted_in_part"})


@dataclass(frozen=True)
class Version:
    number: int
    title: str
    floated_on: date
    closed_on: date | None
    outcome: str  # "", withdrawn, parked, consensus


@dataclass(frozen=True)
class Reply:
    body: str
    status: str
    status_label: str
    on: date
    note: str
    document_url: str


@dataclass(frozen=True)
class Sending:
    memorandum: str
    body: str
    sent_on: date
    replies: tuple[Reply, ...] = ()


@dataclass(frozen=True)
class Chain:
    versions: tuple[Version, ...]
    memoranda: tuple[tuple[str, date | None], ...] = ()  # (title, published on)
    sendings: tuple[Sending, ...] = ()
    arrangement: str = ""

    @property
    def reached_consensus(self) -> bool:
        return any(v.outcome == "consensus" for v in self.versions)

    @property
    def transmitted(self) -> bool:
        return bool(self.sendings)

    @property
    def taken_up(self) -> bool:
        return any(r.status in TAKEN_UP for s in self.sendings for r in s.replies)


@dataclass(frozen=True)
class Funnel:
    floated: int
    consensus: int
    transmitted: int
    taken_up: int

    def stages(self) -> list[tuple[str, int]]:
        return [
            ("floated", self.floated),
            ("reaching consensus", self.consensus),
            ("transmitted", self.transmitted),
            ("taken up", self.taken_up),
        ]


def funnel(chains: Iterable[Chain]) -> Funnel:
    chains = list(chains)
    return Funnel(
        floated=len(chains),
        consensus=sum(c.reached_consensus for c in chains),
        transmitted=sum(c.transmitted for c in chains),
        taken_up=sum(c.taken_up for c in chains),
    )


@dataclass(frozen=True)
class Event:
    on: date | None
    stage: str
    text: str
    link: str = ""


@dataclass
class _Timeline:
    events: list[Event] = field(default_factory=list)

    def add(self, on: date | None, stage: str, text: str, link: str = "") -> None:
        self.events.append(Event(on, stage, text, link))


def lineage(chain: Chain) -> list[Event]:
    """Every step of a proposal's path, in date order; undated steps keep their place."""
    t = _Timeline()
    for v in chain.versions:
        if v.number == 1:
            t.add(v.floated_on, "floated", f"Floated: {v.title}")
        else:
            t.add(v.floated_on, "amended", f"Amended (version {v.number}): {v.title}")
        if v.outcome == "consensus":
            t.add(v.closed_on, "consensus", f"Consensus reached on version {v.number}")
        elif v.outcome:
            t.add(v.closed_on, v.outcome, f"Version {v.number} {v.outcome}")
    for title, published in chain.memoranda:
        t.add(published, "in memorandum", f"Included in the memorandum “{title}”")
    for s in chain.sendings:
        t.add(s.sent_on, "transmitted", f"Transmitted to {s.body}")
        for r in s.replies:
            text = f"{s.body}: {r.status_label}" + (f" — {r.note}" if r.note else "")
            t.add(r.on, "response", text, r.document_url)
    if chain.arrangement:
        t.add(None, "arrangement", f"Led to: {chain.arrangement}")
    dated = [e for e in t.events if e.on is not None]
    dated.sort(key=lambda e: e.on or date.min)
    return dated + [e for e in t.events if e.on is None]
