"""Turn gazetteer candidates into findings, checking the context around each one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import context as ctx
from .finding import Category, Finding, Severity
from .gazetteer import Entry, Gazetteer
from .lexicon import COMMON_WORDS, fold
from .registry import Registry

KIND_REPLACEMENTS = {
    "university": "a university",
    "think_tank": "a research institute",
    "ministry": "a ministry",
    "armed_forces": "a military service",
    "legislature": "a legislature",
    "media": "a news organisation",
    "industry": "a company",
    "ngo": "a non-governmental organisation",
    "international_organisation": "an international organisation",
}
PERSON_KINDS = frozenset({"full", "family", "given", "initials"})
SINGLE_KINDS = frozenset({"family", "given"})


class KnownNames:
    """Registry names, organisations and role titles found in a text."""

    def __init__(self, registry: Registry, k: int) -> None:
        self.gazetteer = Gazetteer(registry, k)
        self.name_parts = self.gazetteer.frozen_name_parts
        self.k = k
        self._grouped: dict[int, list[list[Entry]]] = {}
        self._summaries: dict[int, tuple[list[str], list[str]]] = {}
        self.members = Counter(
            org for p in registry.participants for org in {a.organisation for a in p.affiliations}
        )

    def findings(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        last_end = 0
        for start, options in self.gazetteer.candidates(text):
            if start < last_end:
                continue
            for end, entries in options:
                finding = self._accept(text, start, end, entries)
                if finding is not None:
                    found.append(finding)
                    last_end = finding.end
                    break
        return found

    def _accept(
        self, text: str, start: int, end: int, entries: tuple[Entry, ...]
    ) -> Finding | None:
        valid: list[Entry] = []
        for group in self._groups(entries):
            if self._valid(text, start, end, group[0]):
                valid.extend(group)
        if not valid:
            return None
        people = [e for e in valid if e.kind in PERSON_KINDS]
        if people:
            return self._person(text, start, end, people, entries)
        roles = [e for e in valid if e.kind in ("role", "role_alone")]
        if roles:
            return self._role(text, start, end, roles)
        return self._organisation(text, start, end, valid)

    def _summary(self, entries: tuple[Entry, ...]) -> tuple[list[str], list[str]]:
        """(participants' names, everyone's names) for a bucket, memoised."""
        key = id(entries)
        if key not in self._summaries:
            named = _labels(e for e in entries if e.category == "name")
            self._summaries[key] = (named, _labels(entries))
        return self._summaries[key]

    def _groups(self, entries: tuple[Entry, ...]) -> list[list[Entry]]:
        """Entries of one trie bucket grouped by what their validity depends on (memoised)."""
        groups = self._grouped.get(id(entries))
        if groups is None:
            by_key: dict[tuple[str, str | None], list[Entry]] = {}
            for e in entries:
                by_key.setdefault((e.kind, e.exact), []).append(e)
            groups = self._grouped[id(entries)] = list(by_key.values())
        return groups

    def _valid(self, text: str, start: int, end: int, entry: Entry) -> bool:
        if entry.exact is not None:
            return "".join(c for c in text[start:end] if c.isalpha()) == entry.exact
        if entry.kind == "role_alone":
            before = ctx.word_before(text, start)
            followed = ctx.word_after(text, end)
            if followed is not None and followed.lower() in {"of", "for", "at"}:
                return False
            return before is not None and fold(before[0]) == "the" and text[start].isupper()
        if entry.kind in SINGLE_KINDS or entry.kind == "initials":
            return self._single_name_in_context(text, start, end)
        return True

    def _single_name_in_context(self, text: str, start: int, end: int) -> bool:
        honorific = ctx.honorific_start(text, start) is not None
        if not honorific and ctx.prev_is_other_proper_noun(text, start, self.name_parts):
            return False
        if ctx.next_is_other_proper_noun(text, end, self.name_parts):
            return False
        if fold(text[start:end]) not in COMMON_WORDS or honorific:
            return True
        if ctx.possessive_end(text, end) or ctx.suffix_end(text, end):
            return True
        after = ctx.word_after(text, end)
        if after and after.lower() in ctx.REPORTING_VERBS:
            return True
        before = ctx.word_before(text, start)
        starts_sentence = ctx.is_sentence_start(text, start)
        return not starts_sentence and (before is None or fold(before[0]) not in {"the", "a", "an"})

    def _person(
        self, text: str, start: int, end: int, people: list[Entry], bucket: tuple[Entry, ...]
    ) -> Finding:
        honorific = ctx.honorific_start(text, start)
        start = honorific if honorific is not None else start
        end = ctx.suffix_end(text, end) or end
        possessive = ctx.possessive_end(text, end)
        participants, others = self._summary(bucket)
        if not any(e.category == "name" for e in people):
            participants = []
        category: Category = "name" if participants else "other_person"
        severity: Severity = "high" if participants else "low"
        shown = text[start:end]
        if participants:
            who = _join(participants)
            plural = "s" if len(participants) > 1 else ""
            why = f"'{shown}' names participant{plural} {who}."
            replacement = "a participant"
        else:
            why = f"'{shown}' names {_join(others)}, who is in the registry but not a participant."
            replacement = "another person"
        if possessive:
            end, replacement = possessive, replacement + "'s"
        return Finding(start, end, category, severity, replacement, why)

    def _role(self, text: str, start: int, end: int, entries: list[Entry]) -> Finding:
        start = self._with_article(text, start, include_past=True)
        # Not "a senior official": with few officials that is itself a quasi-identifier.
        replacement = "a participant"
        holders = len({e.target for e in entries})
        plural = "participant holds" if holders == 1 else f"{holders} participants hold"
        why = f"'{text[start:end]}' is a role title that {plural} ({entries[0].label})."
        return Finding(start, end, "affiliation", "high", replacement, why)

    def _organisation(self, text: str, start: int, end: int, entries: list[Entry]) -> Finding:
        entry = next((e for e in entries if e.category == "affiliation"), entries[0])
        start = self._with_article(text, start)
        possessive = ctx.possessive_end(text, end)
        end = possessive or end
        suffix = "'s" if possessive else ""
        if entry.category == "affiliation":
            members = self.members[entry.target]
            severity: Severity = "high" if members < self.k else "medium"
            why = (
                f"'{text[start:end]}' is {entry.label}, an affiliation of {members} participant(s)."
            )
            replacement = KIND_REPLACEMENTS.get(entry.org_kind or "", "an organisation") + suffix
            return Finding(start, end, "affiliation", severity, replacement, why)
        why = f"'{text[start:end]}' is {entry.label}, an organisation no participant belongs to."
        return Finding(start, end, "other_person", "low", "an organisation" + suffix, why)

    @staticmethod
    def _with_article(text: str, start: int, include_past: bool = False) -> int:
        for _ in range(3):
            before = ctx.word_before(text, start)
            if before is None or before[1] not in (" ", "-"):
                return start
            word = fold(before[0])
            if word == "the" or (include_past and word in {"former", "retired", "ex"}):
                start -= len(before[0]) + len(before[1])
            else:
                return start
        return start


def _labels(entries: Iterable[Entry], most: int = 4) -> list[str]:
    """Up to ``most`` distinct labels, then a count: explanations stay short for 'Kim'."""
    seen: set[str] = set()
    for e in entries:
        seen.add(e.label)
    labels = sorted(seen)
    if len(labels) > most:
        return labels[:most] + [f"{len(labels) - most} others"]
    return labels


def _join(names: list[str], most: int = 5) -> str:
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
