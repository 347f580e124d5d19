"""A finding: one span of a text that could attribute a statement (design §5 "Findings")."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

Category = Literal[
    "name", "affiliation", "self_reference", "quasi_identifier", "other_person", "author"
]
Severity = Literal["high", "medium", "low"]

CATEGORIES: tuple[Category, ...] = (
    "name",
    "affiliation",
    "self_reference",
    "quasi_identifier",
    "other_person",
    "author",
)

# When two findings overlap, the longer wins; on a tie, the earlier category here.
PRIORITY: dict[str, int] = {c: i for i, c in enumerate(CATEGORIES)}


@dataclass(slots=True)
class Finding:
    """One span to neutralise. (Not frozen: a frozen dataclass is four times slower to
    build, and a scan builds thousands.)"""

    start: int
    end: int
    category: Category
    severity: Severity
    replacement: str
    explanation: str

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "severity": self.severity,
            "replacement": self.replacement,
            "explanation": self.explanation,
        }


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep non-overlapping findings: longest first, then by category priority; sorted."""
    ranked = sorted(findings, key=lambda f: (-(f.end - f.start), PRIORITY[f.category], f.start))
    starts: list[int] = []
    taken: list[Finding] = []
    for finding in ranked:
        i = bisect.bisect_left(starts, finding.start)
        if i > 0 and taken[i - 1].end > finding.start:
            continue
        if i < len(taken) and taken[i].start < finding.end:
            continue
        starts.insert(i, finding.start)
        taken.insert(i, finding)
    return taken
