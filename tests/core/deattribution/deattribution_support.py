"""Load the labelled de-attribution corpus and score a scanner against it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from secondtrack.core.deattribution import CATEGORIES, Finding, Registry

DATA = Path(__file__).resolve().parents[2] / "data" / "deattribution"
MARK = re.compile(r"\[\[(\w+):(.*?)\]\]", re.S)
SHORT = {c[0]: c for c in reversed(CATEGORIES)}  # "a" is affiliation; author is "u"
SHORT["o"] = "other_person"
SHORT["u"] = "author"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str


@dataclass(frozen=True)
class Sentence:
    text: str
    spans: tuple[Span, ...]
    source: str


def parse(line: str, source: str = "") -> Sentence:
    """Turn '[[name:Professor Tanaka]] said' into text and character-offset spans."""
    line = line.replace("\\n", "\n")
    text, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(line):
        before = line[pos : m.start()]
        text.append(before)
        length += len(before)
        category = SHORT.get(m.group(1), m.group(1))
        if category not in CATEGORIES:
            raise ValueError(f"{source}: unknown category {m.group(1)!r}")
        spans.append(Span(length, length + len(m.group(2)), category))
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(line[pos:])
    return Sentence("".join(text), tuple(spans), source)


def load_sentences(pattern: str = "sentences_*.txt") -> list[Sentence]:
    """The labelled sentences; ``pattern="heldout_*.txt"`` gives the held-out set."""
    sentences = []
    for path in sorted(DATA.glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                sentences.append(parse(line, f"{path.name}:{number}"))
    return sentences


def load_registry() -> Registry:
    return Registry.from_dict(json.loads((DATA / "registry.json").read_text(encoding="utf-8")))


@dataclass
class Score:
    support: int = 0  # gold spans
    found: int = 0  # gold spans overlapped by a finding of the same category
    predicted: int = 0  # findings
    correct: int = 0  # findings overlapping a gold span of the same category
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.support if self.support else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(sentences: list[Sentence], scan: object) -> dict[str, Score]:
    """Per-category scores; a span counts when a finding of its category overlaps it."""
    scores = {c: Score() for c in CATEGORIES}
    for sentence in sentences:
        findings: list[Finding] = scan(sentence.text)  # type: ignore[operator]
        for span in sentence.spans:
            score = scores[span.category]
            score.support += 1
            if any(
                f.category == span.category and _overlaps(f.start, f.end, span.start, span.end)
                for f in findings
            ):
                score.found += 1
            else:
                score.misses.append(f"{sentence.source} {sentence.text[span.start : span.end]!r}")
        for f in findings:
            score = scores[f.category]
            score.predicted += 1
            if any(
                s.category == f.category and _overlaps(f.start, f.end, s.start, s.end)
                for s in sentence.spans
            ):
                score.correct += 1
            else:
                score.false_alarms.append(f"{sentence.source} {sentence.text[f.start : f.end]!r}")
    return scores


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'category':<18}{'recall':>8}{'precision':>11}{'support':>9}{'predicted':>11}"]
    for category, s in scores.items():
        lines.append(
            f"{category:<18}{s.recall:>8.3f}{s.precision:>11.3f}{s.support:>9}{s.predicted:>11}"
        )
    predicted = sum(s.predicted for s in scores.values())
    correct = sum(s.correct for s in scores.values())
    support = sum(s.support for s in scores.values())
    found = sum(s.found for s in scores.values())
    lines.append(
        f"{'overall':<18}{found / support:>8.3f}{correct / max(predicted, 1):>11.3f}"
        f"{support:>9}{predicted:>11}"
    )
    return "\n".join(lines)


def small_registry(**overrides: object) -> Registry:
    """A meeting of a few people, enough to exercise each rule by hand."""
    data: dict[str, object] = {
        "organisations": [
            {
                "id": "ima",
                "name": "Institute of Maritime Affairs",
                "acronym": "IMA",
                "country": "JP",
                "kind": "think_tank",
                "other_names": ["海洋問題研究所"],
            },
            {
                "id": "mou",
                "name": "Ministry of Unification",
                "country": "KR",
                "kind": "ministry",
                "other_names": ["통일부"],
            },
            {
                "id": "navy",
                "name": "Japan Maritime Self-Defense Force",
                "acronym": "JMSDF",
                "country": "JP",
                "kind": "armed_forces",
            },
            {"id": "herald", "name": "Seoul Daily Herald", "country": "KR", "kind": "media"},
            {
                "id": "dpr",
                "name": "Dewan Perwakilan Rakyat",
                "acronym": "DPR",
                "country": "ID",
                "kind": "legislature",
            },
            {
                "id": "house",
                "name": "Philippine House of Representatives",
                "country": "PH",
                "kind": "legislature",
            },
            {"id": "tasman", "name": "Tasman Energy", "country": "AU", "kind": "industry"},
        ],
        "people": [
            {
                "id": "tanaka",
                "name": "Hiroshi Tanaka",
                "other_names": ["田中博"],
                "honorific": "Prof.",
                "countries": ["JP"],
                "gender": "m",
                "affiliations": [{"organisation": "ima", "role": "Director", "end": None}],
            },
            {
                "id": "morimoto",
                "name": "Kenji Morimoto",
                "other_names": ["森本健二"],
                "countries": ["JP"],
                "gender": "m",
                "titles": ["retired vice admiral"],
                "affiliations": [
                    {"organisation": "navy", "role": "Vice Admiral", "end": "2021-03-31"}
                ],
            },
            {
                "id": "sato",
                "name": "Mariko Sato",
                "countries": ["JP"],
                "gender": "f",
                "affiliations": [{"organisation": "ima", "role": "Senior Fellow", "end": None}],
            },
            {
                "id": "kim",
                "name": "Kim Min-jun",
                "other_names": ["김민준"],
                "countries": ["KR"],
                "gender": "m",
                "affiliations": [{"organisation": "mou", "role": "Vice Minister", "end": None}],
                "titles": ["former ambassador to Vietnam"],
            },
            {
                "id": "lee",
                "name": "Lee Seo-yeon",
                "countries": ["KR"],
                "gender": "f",
                "affiliations": [{"organisation": "herald", "role": "Correspondent", "end": None}],
            },
            {
                "id": "park",
                "name": "Jennifer Park",
                "countries": ["US"],
                "gender": "f",
                "affiliations": [],
            },
            {
                "id": "dewi",
                "name": "Dewi Kartika Sari",
                "family_names": ["Sari"],
                "countries": ["ID"],
                "gender": "f",
                "affiliations": [{"organisation": "dpr", "role": "Member", "end": None}],
            },
            {
                "id": "dizon",
                "name": "Ana Marie Dizon",
                "countries": ["PH"],
                "gender": "f",
                "affiliations": [{"organisation": "house", "role": "Representative", "end": None}],
            },
            {
                "id": "lindqvist",
                "name": "Peter Lindqvist",
                "countries": ["AU"],
                "gender": "m",
                "affiliations": [
                    {"organisation": "tasman", "role": "Chief Executive", "end": None}
                ],
            },
        ],
        "participants": ["tanaka", "morimoto", "sato", "kim", "lee", "park", "dewi", "dizon"],
    }
    data.update(overrides)
    return Registry.from_dict(data)
