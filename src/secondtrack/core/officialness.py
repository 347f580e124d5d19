"""Officialness: how close a person stands to government at a date, as a score in [0, 1].

"Government or not" is a score, not a flag (design §1). It is derived in two steps:

1. Each organisation has a *government linkage* L in [0, 1]: the larger of the weight of
   its mandate (or of its kind, for ministries, armed forces and legislatures) and its
   government funding share. An institute labelled non-governmental but 70 % funded by a
   ministry therefore has L = 0.7.
2. Each affiliation active at the date contributes c = w(kind) x L, where the weight of
   the affiliation's kind says how much of the person it engages (employment 1.0,
   advisory 0.6, board 0.4, honorary 0.1). The contributions combine as a noisy-OR,
   score = 1 - prod(1 - c): every link adds, none is counted twice, the score stays <= 1.

A professor (independent university, L = 0) who advises the defence ministry (L = 1,
advisory 0.6) scores 0.6; a serving official scores 1.0 whatever else they hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MANDATE_WEIGHT: dict[str, float] = {
    "independent": 0.0,
    "government_affiliated": 0.5,
    "ministry_research_arm": 0.8,
    "government_body": 1.0,
}
# Kinds of organisation that are part of the state whatever mandate they were given.
GOVERNMENT_KINDS = frozenset({"ministry", "armed_forces", "legislature"})
AFFILIATION_WEIGHT: dict[str, float] = {
    "employment": 1.0,
    "advisory": 0.6,
    "board": 0.4,
    "honorary": 0.1,
}
SERVING_OFFICIAL_LINKAGE = 0.9

BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "official"),
    (0.5, "close to government"),
    (0.2, "government-linked"),
    (0.0, "independent"),
)


class OfficialnessError(ValueError):
    """An organisation or affiliation carries a value the rules do not know."""


@dataclass(frozen=True)
class OrganisationLinkage:
    name: str
    kind: str
    mandate: str
    government_funding: float


@dataclass(frozen=True)
class AffiliationFact:
    organisation: OrganisationLinkage
    kind: str
    role: str
    start: date | None
    end: date | None

    def active_on(self, when: date) -> bool:
        started = self.start is None or self.start <= when
        not_ended = self.end is None or self.end >= when
        return started and not_ended


@dataclass(frozen=True)
class Step:
    """One line of the derivation shown to the convenor."""

    affiliation: AffiliationFact
    linkage: float
    linkage_reason: str
    weight: float
    contribution: float


@dataclass(frozen=True)
class Officialness:
    score: float
    band: str
    serving_official: bool
    steps: tuple[Step, ...]
    inactive: tuple[AffiliationFact, ...]

    def explanation(self) -> str:
        if not self.steps:
            return "No active affiliation with a government link: score 0."
        terms = " x ".join(f"(1 - {s.contribution:.2f})" for s in self.steps)
        return f"1 - {terms} = {self.score:.2f}"


def linkage(org: OrganisationLinkage) -> tuple[float, str]:
    """The government linkage of an organisation, with the reason for it."""
    if org.mandate not in MANDATE_WEIGHT:
        raise OfficialnessError(f"unknown mandate {org.mandate!r} for {org.name}")
    if not 0.0 <= org.government_funding <= 1.0:
        raise OfficialnessError(f"government funding of {org.name} must lie in [0, 1]")
    if org.kind in GOVERNMENT_KINDS:
        return 1.0, f"{org.kind.replace('_', ' ')} (part of the state)"
    by_mandate = MANDATE_WEIGHT[org.mandate]
    if org.government_funding > by_mandate:
        share = round(org.government_funding * 100)
        return org.government_funding, f"{share} % government funded"
    return by_mandate, f"mandate: {org.mandate.replace('_', ' ')}"


def band_of(score: float) -> str:
    for threshold, name in BANDS:
        if score >= threshold:
            return name
    return BANDS[-1][1]


def officialness(affiliations: Iterable[AffiliationFact], when: date) -> Officialness:
    """Score a person's affiliations at a date, keeping every step of the derivation."""
    steps: list[Step] = []
    inactive: list[AffiliationFact] = []
    remaining = 1.0
    serving = False
    for aff in affiliations:
        if aff.kind not in AFFILIATION_WEIGHT:
            raise OfficialnessError(f"unknown affiliation kind {aff.kind!r}")
        if not aff.active_on(when):
            inactive.append(aff)
            continue
        link, reason = linkage(aff.organisation)
        weight = AFFILIATION_WEIGHT[aff.kind]
        contribution = weight * link
        steps.append(Step(aff, link, reason, weight, contribution))
        remaining *= 1.0 - contribution
        if aff.kind == "employment" and link >= SERVING_OFFICIAL_LINKAGE:
            serving = True
    score = round(1.0 - remaining, 4)
    return Officialness(score, band_of(score), serving, tuple(steps), tuple(inactive))
