"""The written forms of a person's or an organisation's name that people actually use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import COMMON_WORDS, NON_NAME_WORDS, fold
from .registry import Organisation, Person, fast_reduce
from .romanise import family_variants, given_variants

LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
LATIN_TOKEN = re.compile(f"[{LATIN_LETTERS}]+")
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK_CHARS}]")
HANGUL = re.compile("[\uac00-\ud7af]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile("[\u3040-\u30ff]")

# Countries whose names are usually written family name first.
FAMILY_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP", "VN", "KH"})


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a name, as folded Latin tokens."""

    tokens: tuple[str, ...]
    kind: str  # full | family | given | initials | org | acronym
    surface: str

    __reduce__ = fast_reduce


def tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(t) for t in LATIN_TOKEN.findall(text))


def is_cjk(text: str) -> bool:
    return CJK_CHAR.search(text) is not None


def _split(person: Person) -> tuple[list[str], list[str]]:
    """(family words, given words) of the person's Latin name."""
    words = person.name.split()
    latin_families = [f for f in person.family_names if not is_cjk(f)]
    for family in latin_families:
        fwords = family.split()
        n = len(fwords)
        if [fold(w) for w in words[:n]] == [fold(w) for w in fwords]:
            return words[:n], words[n:]
        if [fold(w) for w in words[-n:]] == [fold(w) for w in fwords]:
            return words[-n:], words[:-n]
    if len(words) < 2:
        return words, []
    if FAMILY_FIRST.intersection(person.countries):
        return words[:1], words[1:]
    return words[-1:], words[:-1]


def person_forms(person: Person) -> list[Form]:
    family, given = _split(person)
    forms = [Form(tokens(person.name), "full", person.name)]
    if given:
        for a, b in ((family, given), (given, family)):
            forms.append(Form(tokens(" ".join(a + b)), "full", " ".join(a + b)))
        joined = [w.replace("-", "") for w in given]
        if joined != given:
            for a, b in ((family, joined), (joined, family)):
                forms.append(Form(tokens(" ".join(a + b)), "full", " ".join(a + b)))
        initials = tuple(fold(w[0]) for w in given[0].split("-"))
        forms.append(Form(initials + tokens(" ".join(family)), "initials", person.name))
        given_tokens = tokens(" ".join(given))
        for single in _called_by(person, given):
            forms.append(Form(tokens(single), "given", single))
        if sum(len(t) for t in given_tokens) >= 3:
            forms.append(Form(given_tokens, "given", " ".join(given)))
            if len(given_tokens) > 1:
                forms.append(Form(("".join(given_tokens),), "given", " ".join(joined)))
    forms.append(Form(tokens(" ".join(family)), "family", " ".join(family)))
    for extra in person.family_names:
        if not is_cjk(extra):
            forms.append(Form(tokens(extra), "family", extra))
    for other in person.other_names:
        if not is_cjk(other) and tokens(other):
            kind = "family" if len(tokens(other)) == 1 else "full"
            forms.append(Form(tokens(other), kind, other))
    forms += _romanised(person, family, given)
    return [f for f in _unique(forms) if f.tokens]


def _romanised(person: Person, family: list[str], given: list[str]) -> list[Form]:
    """Other romanisations of a Korean or Chinese name (Pak/Park, Hsu/Xu, Yun/Yoon)."""
    fam = tokens(" ".join(family))
    if len(fam) != 1:
        return []
    families = family_variants(fam[0], person.countries)
    given_tokens = tokens(" ".join(given))
    givens = given_variants(given_tokens, person.countries)
    if not families and not givens:
        return []
    forms = []
    pairs = [(f, given_tokens) for f in families] + [(fam[0], g) for g in givens]
    for f, g in pairs:
        if not g:
            continue
        surface = " ".join((f, *g))
        for t in ((f, *g), (*g, f), (f, "".join(g))):
            forms.append(Form(t, "full", surface))
    for f in families:
        if len(f) >= 3 and f not in COMMON_WORDS and f not in NON_NAME_WORDS:
            forms.append(Form((f,), "family", f))
    return forms


def _called_by(person: Person, given: list[str]) -> list[str]:
    """Single given names people are addressed by: 'Dr. Lan' (VN), 'Ms. Dewi' (ID)."""
    if len(given) < 2:
        return []
    if "VN" in person.countries:
        return [given[-1]]
    return [given[0]]


def cjk_person_names(person: Person) -> list[str]:
    names = [n for n in (person.name, *person.other_names) if is_cjk(n)]
    return chinese_variants(names + [n.replace(" ", "") for n in names if " " in n])


def cjk_family_names(person: Person) -> list[str]:
    explicit = [f for f in person.family_names if is_cjk(f)]
    if explicit:
        return explicit
    families = []
    for name in cjk_person_names(person):
        if HANGUL.match(name):
            families.append(name[:1])
        elif "JP" in person.countries and len(name) >= 3:
            families.append(name[:2])
        elif len(name) >= 2:
            families.append(name[:1])
    return families


def organisation_forms(org: Organisation) -> list[Form]:
    names = [org.name, *[n for n in org.other_names if not is_cjk(n)]]
    forms = []
    for name in names:
        variants = {name, name.replace("&", "and"), name.replace("Centre", "Center")}
        variants |= {v.replace("Center", "Centre") for v in variants}
        for variant in variants:
            stripped = variant[4:] if variant.startswith("The ") else variant
            forms.append(Form(tokens(stripped), "org", name))
    if org.acronym:
        forms.append(Form(tokens(org.acronym), "acronym", org.acronym))
    return [f for f in _unique(forms) if f.tokens]


def cjk_organisation_names(org: Organisation) -> list[str]:
    names = [n for n in (org.name, *org.other_names) if is_cjk(n)]
    return chinese_variants(names + [n.replace(" ", "") for n in names if " " in n])


_CONVERTERS: list[Any] | None = None


def _converters() -> list[Any]:
    """opencc converters simplified->traditional (and Taiwan, Hong Kong forms) and back;
    none when opencc is not installed (then names match only as registered)."""
    global _CONVERTERS
    if _CONVERTERS is None:
        try:
            import opencc

            _CONVERTERS = [opencc.OpenCC(c) for c in ("t2s", "s2t", "s2tw", "s2hk", "tw2s")]
        except Exception:  # noqa: BLE001 - optional: the scanner works without folding
            _CONVERTERS = []
    return _CONVERTERS


def chinese_variants(names: list[str]) -> list[str]:
    """Each name and its simplified and traditional forms: 徐文傑 <-> 徐文杰."""
    result = list(dict.fromkeys(names))
    han = [n for n in result if _HAN.search(n) and not HANGUL.search(n) and not _KANA.search(n)]
    for converter in _converters() if han else []:
        for name in han:
            variant = converter.convert(name)
            if variant not in result:
                result.append(variant)
    return result


def _unique(forms: list[Form]) -> list[Form]:
    seen: set[tuple[tuple[str, ...], str]] = set()
    result = []
    for form in forms:
        if (form.tokens, form.kind) not in seen:
            seen.add((form.tokens, form.kind))
            result.append(form)
    return result
