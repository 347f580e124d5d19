"""Names in Chinese, Japanese and Korean scripts, which are written without spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .finding import Category
from .names import CJK_CHARS, cjk_family_names, cjk_organisation_names, cjk_person_names
from .registry import Registry, fast_reduce

# Titles and address forms written after a family name: 田中教授, 王先生, 김 교수님.
TITLES = frozenset(
    [
        "教授",
        "先生",
        "博士",
        "女士",
        "大使",
        "将军",
        "將軍",
        "上将",
        "上將",
        "大校",
        "上校",
        "议员",
        "議員",
        "部长",
        "部長",
        "副部长",
        "所长",
        "院长",
        "主任",
        "研究员",
        "研究員",
        "记者",
        "記者",
        "さん",
        "氏",
        "様",
        "先生",
        "教授",
        "大使",
        "提督",
        "海将",
        "元海将",
        "議員",
        "部長",
        "所長",
        "理事長",
        "교수",
        "교수님",
        "박사",
        "박사님",
        "대사",
        "대사님",
        "의원",
        "의원님",
        "기자",
        "장군",
        "장군님",
        "제독",
        "차관",
        "차관님",
        "장관",
        "선생님",
        "님",
        "씨",
        "연구원",
        "위원",
    ]
)
# Particles that may follow a bare Japanese family name: 田中は, 田中の.
JA_PARTICLES = frozenset("はがのもとにを")
# Family names that are also everyday words when a space follows: 이 교수 is "this professor".
SPACE_SHY = frozenset({"이"})
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


@dataclass(frozen=True, slots=True)
class CjkTarget:
    target: str
    label: str
    category: Category
    kind: str  # full | family | org
    org_kind: str | None = None

    __reduce__ = fast_reduce


class CjkNames:
    """Substring lookup of registry names written in CJK scripts."""

    def __init__(self, registry: Registry) -> None:
        self.full: dict[str, list[CjkTarget]] = {}
        self.family: dict[str, list[CjkTarget]] = {}
        self.japanese_family: set[str] = set()
        affiliated = {a.organisation for p in registry.participants for a in p.affiliations}
        for person in registry.people.values():
            cat: Category = "name" if registry.is_participant(person.id) else "other_person"
            for name in cjk_person_names(person):
                self.full.setdefault(name, []).append(
                    CjkTarget(person.id, person.name, cat, "full")
                )
            for family in cjk_family_names(person):
                target = CjkTarget(person.id, person.name, cat, "family")
                self.family.setdefault(family, []).append(target)
                if "JP" in person.countries and len(family) >= 2:
                    self.japanese_family.add(family)
        for org in registry.organisations.values():
            cat = "affiliation" if org.id in affiliated else "other_person"
            for name in cjk_organisation_names(org):
                target = CjkTarget(org.id, org.name, cat, "org", org.kind)
                self.full.setdefault(name, []).append(target)
        self.full_lengths = sorted({len(n) for n in self.full}, reverse=True)
        self.family_lengths = sorted({len(n) for n in self.family}, reverse=True)
        self.title_lengths = sorted({len(t) for t in TITLES}, reverse=True)
        self.first_chars = {n[0] for n in self.full} | {n[0] for n in self.family}

    def matches(
        self, text: str, regions: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int, list[CjkTarget]]]:
        spans = [m.span() for m in CJK_RUN.finditer(text)] if regions is None else regions
        for i, end in spans:
            while i < end:
                found = self._at(text, i) if text[i] in self.first_chars else None
                if found:
                    yield i, found[0], found[1]
                    i = found[0]
                else:
                    i += 1

    def _at(self, text: str, i: int) -> tuple[int, list[CjkTarget]] | None:
        for n in self.full_lengths:
            if text[i : i + n] in self.full:
                return i + n, self.full[text[i : i + n]]
        for n in self.family_lengths:
            family = text[i : i + n]
            if family in self.family:
                title_end = self._title_end(text, i + n, family not in SPACE_SHY)
                if title_end is not None:
                    return title_end, self.family[family]
                after = text[i + n : i + n + 2]
                if family in self.japanese_family and after[:1] in JA_PARTICLES and after != "とい":
                    return i + n, self.family[family]
        return None

    def _title_end(self, text: str, pos: int, space_allowed: bool) -> int | None:
        start = pos + 1 if space_allowed and text[pos : pos + 1] == " " else pos
        for n in self.title_lengths:
            if text[start : start + n] in TITLES:
                return start + n
        return None


def cjk_participant(shown: str) -> str:
    """'a participant' in the script of ``shown``."""
    if re.search("[\uac00-\ud7af]", shown):
        return "한 참가자"
    if re.search("[\u3040-\u30ff]", shown) or shown.endswith(("さん", "氏", "様")):
        return "ある参加者"
    return "一位与会者"
