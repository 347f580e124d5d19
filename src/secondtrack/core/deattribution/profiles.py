"""What a description can say about a participant: country, gender, sector and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .registry import Person, Registry, fast_reduce

_KEYWORDS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(p, re.I), tuple(t.split()))
    for p, t in (
        (r"admiral|\badm\b", "admiral navy"),
        (r"vice[- ]admiral|\bvadm\b", "vice_admiral admiral navy"),
        (r"rear[- ]admiral|\bradm\b|\brdml\b", "rear_admiral admiral navy"),
        (r"brigadier|\bbrig\b", "brigadier general army"),
        (r"coast ?guard", "coastguard"),
        (r"defen[cs]e", "defence"),
        (r"shipping|maritime industr", "shipping"),
        (r"commodore|\bcdre\b", "commodore navy"),
        (r"\bnava|\bnavy|maritime self-defen[cs]e|coast guard", "navy"),
        (r"\barmy\b|ground self-defen[cs]e", "army"),
        (r"air force|air self-defen[cs]e", "airforce"),
        (r"(?<!director[- ])(?<!secretary[- ])(?<!attorney )\bgeneral\b|\bgen\b", "general"),
        (r"colonel|\bcol\b", "colonel"),
        (r"ambassador|\bamb\b", "ambassador diplomat"),
        (
            r"diplomat|consul|envoy|foreign affairs|foreign ministry|state department|"
            r"department of state",
            "diplomat",
        ),
        (r"professor|\bprof\b", "professor"),
        (r"correspondent|editor|journalist|reporter|columnist", "journalist"),
        (r"minister", "minister"),
        (r"lawyer|attorney|\batty\b", "lawyer"),
    )
]
_PAST_TITLE = re.compile(r"^\s*(?:the\s+)?(?:former|retired|ex-)|\(ret", re.I)


def keyword_tags(text: str) -> set[str]:
    return {tag for pattern, tags in _KEYWORDS if pattern.search(text) for tag in tags}


@dataclass(frozen=True, slots=True)
class Profile:
    person_id: str
    static: frozenset[str]  # country and gender: true for the whole career
    current: frozenset[str]
    past: frozenset[str]

    __reduce__ = fast_reduce


def profile(person: Person, registry: Registry) -> Profile:
    static = {f"c:{c}" for c in person.countries}
    if person.gender:
        static.add(f"g:{person.gender[:1]}")
    current: set[str] = set()
    past: set[str] = set()
    honorific = person.honorific or ""
    # "VADM (ret.)": a rank held in the past.
    (past if _PAST_TITLE.search(honorific) else current).update(keyword_tags(honorific))
    if person.sector:
        current.add(f"s:{person.sector}")
    for aff in person.affiliations:
        org = registry.organisations[aff.organisation]
        tags = {f"s:{org.kind}"} | keyword_tags(f"{aff.role or ''} {org.name}")
        (current if aff.is_current else past).update(tags)
    for title in person.titles:
        (past if _PAST_TITLE.search(title) else current).update(keyword_tags(title))
    for role in person.former_roles:
        past.update(keyword_tags(role))
    for aff in person.affiliations:
        if aff.role and _PAST_TITLE.search(aff.role):
            tags = keyword_tags(aff.role)
            past.update(tags)
    return Profile(person.id, frozenset(static), frozenset(current), frozenset(past))


def profiles(registry: Registry) -> list[Profile]:
    return [profile(p, registry) for p in registry.participants]


class Population:
    """Participants indexed by tag as bitsets, so counting a description is a few ANDs."""

    def __init__(self, registry: Registry) -> None:
        self.any: dict[str, int] = {}
        self.past: dict[str, int] = {}
        self._cache: dict[tuple[tuple[frozenset[str], ...], bool], int] = {}
        for i, p in enumerate(profiles(registry)):
            bit = 1 << i
            for tag in p.static | p.current | p.past:
                self.any[tag] = self.any.get(tag, 0) | bit
            for tag in p.static | p.past:
                self.past[tag] = self.past.get(tag, 0) | bit
        self.everyone = (1 << len(registry.participant_ids)) - 1

    def count(self, wanted: list[frozenset[str]], past: bool = False) -> int:
        """How many participants fit every constraint (each a set of alternative tags)."""
        key = (tuple(wanted), past)
        if key not in self._cache:
            index = self.past if past else self.any
            bits = self.everyone
            for tags in wanted:
                alternatives = 0
                for tag in tags:
                    alternatives |= index.get(tag, 0)
                bits &= alternatives
            self._cache[key] = bits.bit_count()
        return self._cache[key]
