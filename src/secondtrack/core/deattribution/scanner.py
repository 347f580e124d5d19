"""The scanner: build once per registry, then scan or redact many texts."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from .anchors import Anchors, find_anchors
from .author import AuthorIndex, find_author
from .cjk import CjkNames, CjkTarget, cjk_participant
from .finding import Finding, Severity, resolve_overlaps
from .fuzzy import Misspellings
from .known import KIND_REPLACEMENTS, KnownNames
from .lexicon import fold
from .normalize import normalise
from .others import other_people
from .phrase import in_language, widen
from .profiles import Population
from .quasi import descriptions
from .redact import redact
from .registry import Registry
from .scripts import OtherScriptNames, has_other_script
from .selfref import self_references


def replacement_language(code: str | None) -> str | None:
    """The replacement vocabulary's key for a language code: "zh-hans" -> "zh", "en-gb" ->
    "en"; None for none."""
    if not code:
        return None
    return code.lower().replace("_", "-").split("-")[0]


class Scanner:
    """Finds everything in a text that could attribute a statement to a participant.

    ``k``: a description that fits fewer than ``k`` participants is a quasi-identifier.
    """

    def __init__(self, registry: Registry, k: int = 3) -> None:
        if k < 1:
            raise ValueError("k must be at least 1.")
        self.registry = registry
        self.k = k
        self.known = KnownNames(registry, k)
        self.cjk = CjkNames(registry)
        self.scripts = OtherScriptNames(registry)
        self.misspellings = Misspellings(self.known.gazetteer.full_names)
        self.population = Population(registry)
        self.tokens = _trie_tokens(self.known.gazetteer.trie)
        self._authors: dict[str, AuthorIndex] = {}

    def scripts_in(self, text: str) -> bool:
        """Whether ``text`` has letters of a script other than Latin and CJK."""
        return has_other_script(text)

    def known_word(self, word: str) -> bool:
        """Whether a word is a token of some known name (used to rejoin split spellings)."""
        return len(word) > 1 and fold(word) in self.tokens

    def author_index(self, author: str | int) -> AuthorIndex:
        """What narrows down ``author`` (a registry id, or a person id for "p<id>");
        KeyError with a sentence when the registry has no such person."""
        person = find_author(self.registry, author)
        index = self._authors.get(person.id)
        if index is None:
            index = AuthorIndex(self.registry, self.population, person, self.k)
            if len(self._authors) > 256:
                self._authors.clear()
            self._authors[person.id] = index
        return index

    def scan(
        self, text: str, author: str | int | None = None, language: str | None = None
    ) -> list[Finding]:
        """Findings for ``text``; matched on its normalised form (:mod:`.normalize`), with
        offsets into ``text`` itself. With ``author``, what narrows the author down comes
        as category ``author`` (:mod:`.author`). ``language`` (a code such as "zh-hans",
        "ja", "en-gb": the document's) decides a replacement's language where the script
        of the sentence around it does not."""
        index = self.author_index(author) if author is not None else None
        norm = normalise(text, self.known_word)
        findings = self._scan(norm.text, index, replacement_language(language))
        if norm.origin is None:
            return findings
        for f in findings:
            f.start, f.end = norm.span(f.start, f.end)
        return resolve_overlaps(findings)

    def _scan(
        self, text: str, author: AuthorIndex | None = None, fallback: str | None = None
    ) -> list[Finding]:
        anchors = find_anchors(text)
        findings = self.known.findings(text)
        findings += self._cjk_findings(text, anchors)
        for start, end, targets in self.scripts.matches(text):
            findings.append(_cjk_finding(text, start, end, targets, "a participant"))
        findings += self._self_references(text, anchors)
        findings += self._quasi_identifiers(text, anchors)
        findings = resolve_overlaps(findings)
        if author is not None:
            findings = resolve_overlaps(_with_author(findings, author.findings(text, anchors.cjk)))
        findings += self._other_people(text, findings)
        # Outside CJK stretches and other scripts, an English replacement stays English.
        latin_only = text.isascii() or not self.scripts_in(text)
        cjk_starts = [r[0] for r in anchors.cjk]
        for f in findings:
            if f.category == "name" and f.end - f.start < 30 and " " not in text[f.start : f.end]:
                near = self.misspellings.around(text, f.start, f.end)
                if near is not None:
                    f.start, f.end = near[0], near[1]
                    f.explanation = f"'{text[f.start : f.end]}' is a misspelling of {near[2]}."
            if f.category == "name" or f.replacement == "another person":
                widen(text, f)
            if (
                fallback not in (None, "en")
                or not (latin_only and f.replacement.isascii())
                or _near(anchors.cjk, cjk_starts, f)
            ):
                in_language(text, f, fallback)
        return resolve_overlaps(findings)

    def redact(
        self, text: str, author: str | int | None = None, language: str | None = None
    ) -> str:
        """The text with every finding replaced by its neutral replacement."""
        return redact(text, self.scan(text, author, language))

    def _cjk_findings(self, text: str, anchors: Anchors) -> list[Finding]:
        matches = self.cjk.matches(text, anchors.cjk)
        return [_cjk_finding(text, s, e, targets) for s, e, targets in matches]

    def _self_references(self, text: str, anchors: Anchors) -> list[Finding]:
        return [
            Finding(
                r.start,
                r.end,
                "self_reference",
                "medium",
                r.replacement,
                f"'{text[r.start : r.end]}' {r.explanation}.",
            )
            for r in self_references(text, anchors.self_reference, anchors.cjk)
        ]

    def _quasi_identifiers(self, text: str, anchors: Anchors) -> list[Finding]:
        found = []
        triggers, regions = anchors.description, anchors.cjk
        for d in descriptions(text, self.population, self.k, triggers, regions):
            severity: Severity = "high" if d.count == 1 else "medium"
            fits = "1 participant" if d.count == 1 else f"{d.count} participants"
            why = f"'{d.phrase}' fits {fits}, fewer than k={self.k}."
            replacement = "a participant" if d.phrase.isascii() else cjk_participant(d.phrase)
            found.append(Finding(d.start, d.end, "quasi_identifier", severity, replacement, why))
        return found

    def _other_people(self, text: str, findings: list[Finding]) -> list[Finding]:
        covered = _covered(findings)
        result = []
        for start, end, kind in other_people(text, covered):
            misspelt = self.misspellings.in_span(text, start, end) if kind == "person" else None
            if misspelt is not None:
                s, e, name = misspelt
                why = f"'{text[s:e]}' is a misspelling of participant {name}'s name."
                result.append(Finding(s, e, "name", "high", "a participant", why))
                continue
            what = "a person" if kind == "person" else "an organisation"
            why = f"'{text[start:end]}' looks like the name of {what} outside the meeting."
            replacement = "another person" if kind == "person" else "an organisation"
            result.append(Finding(start, end, "other_person", "low", replacement, why))
        return result


def _cjk_finding(
    text: str, start: int, end: int, targets: list[CjkTarget], participant: str | None = None
) -> Finding:
    shown = text[start:end]
    participants = sorted({t.label for t in targets if t.category == "name"})
    orgs = [t for t in targets if t.kind == "org"]
    if participants:
        why = f"'{shown}' names participant {', '.join(participants)}."
        return Finding(start, end, "name", "high", participant or cjk_participant(shown), why)
    if orgs:
        org = next((t for t in orgs if t.category == "affiliation"), orgs[0])
        if org.category == "affiliation":
            why = f"'{shown}' is {org.label}, an affiliation of a participant."
            return Finding(
                start,
                end,
                "affiliation",
                "high",
                KIND_REPLACEMENTS.get(org.org_kind or "", "an organisation"),
                why,
            )
        why = f"'{shown}' is {org.label}, an organisation no participant belongs to."
        return Finding(start, end, "other_person", "low", "an organisation", why)
    why = f"'{shown}' names {targets[0].label}, who is in the registry but not a participant."
    return Finding(start, end, "other_person", "low", "another person", why)


def _near(regions: list[tuple[int, int]], starts: list[int], f: Finding, reach: int = 60) -> bool:
    """Whether a CJK stretch lies within ``reach`` characters of the finding."""
    if not regions:
        return False
    i = bisect.bisect_left(starts, f.start - reach)
    return (
        i < len(regions)
        and regions[i][0] < f.end + reach
        or (i > 0 and regions[i - 1][1] > f.start - reach)
    )


def _covered(findings: list[Finding]) -> Callable[[int, int], bool]:
    """Whether [start, end) overlaps one of ``findings`` (sorted, non-overlapping)."""
    starts = [f.start for f in findings]

    def covered(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        if i > 0 and findings[i - 1].end > start:
            return True
        return i < len(findings) and findings[i].start < end

    return covered


def _trie_tokens(trie: dict) -> frozenset[str]:
    tokens: set[str] = set()
    stack = [trie]
    while stack:
        node = stack.pop()
        for key, child in node.items():
            if isinstance(child, dict):
                tokens.add(key)
                stack.append(child)
    return frozenset(tokens)


_NARROWING = frozenset({"affiliation", "quasi_identifier"})


def _with_author(findings: list[Finding], authored: list[Finding]) -> list[Finding]:
    """An affiliation or description finding over the author's own organisation, post or
    rank becomes an ``author`` finding (with the crowd it leaves); other author findings
    are added."""
    result = list(findings)
    for a in authored:
        for f in result:
            if f.start < a.end and a.start < f.end and f.category in _NARROWING:
                f.category = "author"
                f.explanation = a.explanation
                break
        else:
            result.append(a)
    return result
