"""Author-aware findings: what in a text narrows down the person who wrote it.

Written by a known participant, "Australia is home to..." or "as the new Prime Minister
of the Kingdom of Cambodia" gives the author away when few participants share that
country, although for anyone else a country is only a topic. With an author, the scanner
also flags (category ``author``, with the crowd size it leaves):

- the author's own country: its names, official form ("the Kingdom of Cambodia"),
  demonym ("Australian farmers"), capital ("Canberra"), in English and in Chinese,
  Japanese and Korean script, when fewer than ``2k`` participants share it;
- the author's own organisations (name, acronym, other names) and role titles and rank
  words the author holds or held ("vice admiral", "Chief of Naval Operations");
- career facts ("having served two tours in the Gulf").

Countries as topics stay unflagged when the author is not from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .finding import Finding, Severity
from .lexicon import CJK_COUNTRY_WORDS, COUNTRY_NAMES, COUNTRY_WORDS, fold
from .names import LATIN_LETTERS, is_cjk
from .profiles import Population, keyword_tags, profile
from .regions import case_variants, trie_pattern
from .registry import Person, Registry, fast_reduce
from .roles import GENERIC_ROLES

CAPITALS: dict[str, tuple[str, ...]] = {
    "JP": ("Tokyo",),
    "KR": ("Seoul",),
    "KP": ("Pyongyang",),
    "CN": ("Beijing", "Peking"),
    "TW": ("Taipei",),
    "HK": (),
    "VN": ("Hanoi", "Ha Noi"),
    "PH": ("Manila",),
    "ID": ("Jakarta",),
    "MY": ("Kuala Lumpur", "Putrajaya"),
    "TH": ("Bangkok",),
    "KH": ("Phnom Penh",),
    "LA": ("Vientiane",),
    "MM": ("Naypyidaw", "Nay Pyi Taw"),
    "BN": ("Bandar Seri Begawan",),
    "TL": ("Dili",),
    "AU": ("Canberra",),
    "NZ": ("Wellington",),
    "US": ("Washington",),
    "CA": ("Ottawa",),
    "IN": ("New Delhi",),
    "PK": ("Islamabad",),
    "BD": ("Dhaka",),
    "LK": ("Colombo",),
    "MN": ("Ulaanbaatar", "Ulan Bator"),
    "RU": ("Moscow", "the Kremlin"),
    "GB": ("London", "Whitehall"),
    "FR": ("Paris",),
    "DE": ("Berlin",),
    "FJ": ("Suva",),
    "PG": ("Port Moresby",),
}
CJK_CAPITALS: dict[str, tuple[str, ...]] = {
    "JP": ("东京", "東京", "도쿄"),
    "KR": ("首尔", "首爾", "ソウル", "서울"),
    "CN": ("北京", "베이징"),
    "VN": ("河内", "ハノイ", "하노이"),
    "AU": ("堪培拉", "キャンベラ", "캔버라"),
    "US": ("华盛顿", "華盛頓", "ワシントン", "워싱턴"),
    "MN": ("乌兰巴托", "ウランバートル", "울란바토르"),
    "KH": ("金边", "プノンペン", "프놈펜"),
}
_OFFICIAL = (
    r"(?:the\s+)?(?:(?:Socialist|People's|Democratic|Federal|Islamic|Independent|United)\s+)*"
    r"(?:Kingdom|Republic|Commonwealth|Federation|State|Union|Sultanate|Nation)\s+of\s+"
    r"(?:the\s+)?"
)
_NEXT_WORD = re.compile(rf"[ \t]+([{LATIN_LETTERS}]+)")
_CAREER = re.compile(
    r"(?<![A-Za-z])(?:[Hh]aving|[Aa]fter|[Ss]ince)\s+(?:served|commanded|spent|worked|led|"
    r"headed|negotiated|represented|sat)(?:\s+[\w'’-]+){1,7}?(?=[,.;:!?]|\s+(?:I|we|and|but)\b|$)"
)
_ARTICLE = re.compile(r"(?:\b(?:the|The|a|A|an|An)\s+(?:(?:former|retired|serving|ex-)\s*)?)$")
_PAST_MARK = re.compile(r"^(?:the\s+)?(?:former|retired|ex-)\s*|\s*\(ret\.?\)", re.I)
_RETIRED_AFTER = re.compile(r"\s*\((?:ret|retd|retired)\.?\)")
_DEMONYM_PLURAL = re.compile(r"(?:s|ese|ish|ch)$")
_CJK_REPLACEMENT = {"ko": "한 나라", "ja": "ある国", "zh": "某国"}
_GENERIC_ROLES = GENERIC_ROLES | {"director", "chair", "professor"}


@dataclass(frozen=True, slots=True)
class _Term:
    kind: str  # country | demonym | capital | organisation | role | cjk_country
    code: str  # country code, organisation id or role label
    label: str

    __reduce__ = fast_reduce


class AuthorIndex:
    """The terms that narrow one author down, compiled once per (scanner, author)."""

    def __init__(self, registry: Registry, population: Population, author: Person, k: int):
        self.author = author
        self.k = k
        self.limit = 2 * k
        terms: dict[str, _Term] = {}
        cjk_terms: dict[str, _Term] = {}
        self.surfaces: set[str] = set()
        self.crowd: dict[str, int] = {}
        participants = registry.participants
        for code in author.countries:
            n = population.count([frozenset({"c:" + code})])
            self.crowd[code] = max(n, 1)
            if n >= self.limit:
                continue
            name = _country_name(code)
            for word, wcode in COUNTRY_WORDS.items():
                if wcode != code or len(word) < 3 or word in {"u.s.", "prc", "rok", "dprk"}:
                    continue
                kind = "demonym" if _is_demonym(word) else "country"
                terms[word] = _Term(kind, code, name)
            for capital in CAPITALS.get(code, ()):
                terms[capital.lower()] = _Term("capital", code, name)
            for word, wcode in CJK_COUNTRY_WORDS.items():
                if wcode == code:
                    cjk_terms[word] = _Term("cjk_country", code, name)
            for capital in CJK_CAPITALS.get(code, ()):
                cjk_terms[capital] = _Term("cjk_country", code, name)
        members: dict[str, int] = {}
        for p in participants:
            for org_id in {a.organisation for a in p.affiliations}:
                members[org_id] = members.get(org_id, 0) + 1
        for aff in author.affiliations:
            org = registry.organisations[aff.organisation]
            n = members.get(org.id, 1)
            self.crowd[org.id] = n
            names = [org.name, *org.other_names] + ([org.acronym] if org.acronym else [])
            for name in names:
                term = _Term("organisation", org.id, org.name)
                if is_cjk(name):
                    cjk_terms[name] = term
                elif len(name) >= 2:
                    terms[name.lower()] = term
                    self.surfaces.add(name)
        self.org_kinds = {o.id: o.kind for o in registry.organisations.values()}
        roles = [a.role for a in author.affiliations if a.role]
        roles += [*author.titles, *_former_roles(author)]
        if author.honorific:
            roles.append(author.honorific)
        for role in roles:
            bare = re.sub(
                r"^(?:the\s+)?(?:former|retired|ex-)\s*|\s*\(ret\.?\)", "", role, flags=re.I
            )
            if not bare or fold(bare) in _GENERIC_ROLES or len(bare) < 4:
                continue
            holders = _holders(population, bare)
            if holders >= self.limit:
                continue
            self.crowd["role:" + bare.lower()] = max(holders, 1)
            terms[bare.lower()] = _Term("role", "role:" + bare.lower(), bare)
        prof = profile(author, registry)
        for tag in sorted(prof.current | prof.past):
            if tag in TAG_WORDS and population.count([frozenset({tag})]) < self.limit:
                self.crowd["tag:" + tag] = max(population.count([frozenset({tag})]), 1)
                for word in TAG_WORDS[tag]:
                    terms.setdefault(word, _Term("role", "tag:" + tag, word))
        self.terms = terms
        self.cjk_terms = cjk_terms
        official = _OFFICIAL + "(?=[A-Z])"
        words = sorted(set(case_variants(list(terms))) | self.surfaces)
        self.pattern = (
            re.compile(
                rf"(?<![{LATIN_LETTERS}])(?:{official})?(?:{trie_pattern(words)})"
                rf"(?:['’]s)?(?![{LATIN_LETTERS}])"
            )
            if words
            else None
        )
        self.cjk_pattern = re.compile(trie_pattern(list(cjk_terms))) if cjk_terms else None

    def findings(self, text: str, cjk_regions: list[tuple[int, int]]) -> list[Finding]:
        found: list[Finding] = []
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                f = self._english(text, m)
                if f is not None:
                    found.append(f)
        if self.cjk_pattern is not None:
            for start, end in cjk_regions:
                for m in self.cjk_pattern.finditer(text, start, end):
                    term = self.cjk_terms[m.group()]
                    found.append(self._cjk(text, m.start(), m.end(), term))
        for m in _CAREER.finditer(text):
            why = f"'{m.group()}' is a fact of the author's career."
            found.append(
                Finding(m.start(), m.end(), "author", "medium", "having worked in the field", why)
            )
        return found

    def _english(self, text: str, m: re.Match[str]) -> Finding | None:
        matched = m.group()
        core = re.sub(_OFFICIAL, "", matched)
        core_key = " ".join(fold(core.removesuffix("'s").removesuffix("’s")).split())
        term = self.terms.get(core_key)
        if term is None:
            return None
        start, end = m.start(), m.end()
        possessive = matched.endswith(("'s", "’s"))
        crowd = self.crowd.get(term.code, 1)
        severity: Severity = "high" if crowd < self.k else "medium"
        if term.kind in {"country", "capital", "demonym"}:
            who = _crowd(crowd, f"from {term.label}")
            if term.kind == "demonym" and not possessive:
                after = _NEXT_WORD.match(text, end)
                article = _ARTICLE.search(text, max(0, start - 20), start)
                if after is not None and after.group(1)[:1].islower():
                    replacement = "one country's"
                    if article is not None:
                        start = article.start()
                elif _DEMONYM_PLURAL.search(core_key) and core_key.endswith("s"):
                    replacement = "people from one country"
                else:
                    replacement = "someone from one country"
                    if article is not None:
                        start = article.start()
            elif term.kind == "capital":
                replacement = "one capital"
            else:
                replacement = "one country"
            why = f"'{text[start:end]}' is the author's own country: {who}."
        elif term.kind == "organisation":
            replacement = _KIND.get(self.org_kinds.get(term.code, ""), "an organisation")
            article = _ARTICLE.search(text, max(0, start - 20), start)
            if article is not None and article.group().strip().lower() == "the":
                start = article.start()
            crowded = _crowd(crowd, "at " + term.label)
            why = f"'{text[start:end]}' is the author's own organisation: {crowded}."
        else:
            replacement = "a participant"
            article = _ARTICLE.search(text, max(0, start - 20), start)
            if article is not None:
                start = article.start()
            retired = _RETIRED_AFTER.match(text, end)
            if retired is not None:
                end = retired.end()
            holder = "who holds or held it"
            why = f"'{text[start:end]}' is the author's own post or rank: {_crowd(crowd, holder)}."
        if possessive and not replacement.endswith("'s"):
            replacement += "'s"
        return Finding(start, end, "author", severity, replacement, why)

    def _cjk(self, text: str, start: int, end: int, term: _Term) -> Finding:
        crowd = self.crowd.get(term.code, 1)
        severity: Severity = "high" if crowd < self.k else "medium"
        shown = text[start:end]
        if term.kind == "organisation":
            replacement = {"ko": "한 기관", "ja": "ある機関"}.get(_cjk_language(shown), "某机构")
            crowded = _crowd(crowd, "at " + term.label)
            why = f"'{shown}' is the author's own organisation: {crowded}."
        else:
            replacement = _CJK_REPLACEMENT[_cjk_language(shown)]
            why = f"'{shown}' is the author's own country: {_crowd(crowd, 'from ' + term.label)}."
        return Finding(start, end, "author", severity, replacement, why)


_KIND = {
    "university": "a university",
    "think_tank": "a research institute",
    "ministry": "a government",
    "armed_forces": "a military service",
    "legislature": "a legislature",
    "media": "a news organisation",
    "industry": "a company",
    "ngo": "a non-governmental organisation",
    "international_organisation": "an international organisation",
}


def _crowd(n: int, what: str) -> str:
    if n <= 1:
        return f"you are the only participant {what}"
    return f"you are one of {n} participants {what}"


def _country_name(code: str) -> str:
    for word, wcode in COUNTRY_WORDS.items():
        if wcode == code and not _is_demonym(word):
            return (
                "the " + word.title()
                if word in {"philippines", "united states", "united kingdom"}
                else word.title()
            )
    return code


# Rank and profession words (as keyword tags of profiles.py) a text may use on its own.
TAG_WORDS = {
    "admiral": ("admiral", "admirals"),
    "commodore": ("commodore",),
    "colonel": ("colonel",),
    "ambassador": ("ambassador",),
    "journalist": ("journalist", "reporter", "correspondent", "columnist"),
    "lawyer": ("lawyer",),
    "professor": ("professor",),
}


def _is_demonym(word: str) -> bool:
    return word.replace("_", " ") not in COUNTRY_NAMES


def _former_roles(person: Person) -> list[str]:
    roles: list[str] = []
    for role in person.former_roles:
        roles.append(role if isinstance(role, str) else str(getattr(role, "role", role)))
    return roles


def _holders(population: Population, role: str) -> int:
    tags = keyword_tags(role)
    if not tags:
        return 1
    return population.count([frozenset({t}) for t in tags])


def _cjk_language(shown: str) -> str:
    if re.search("[\uac00-\ud7af]", shown):
        return "ko"
    if re.search("[\u3040-\u30ff]", shown):
        return "ja"
    return "zh"


def find_author(registry: Registry, ident: str | int) -> Person:
    """The author by registry id ("p12", "tanaka") or by person id (12)."""
    key = str(ident).strip()
    for candidate in (key, f"p{key}"):
        person = registry.people.get(candidate)
        if person is not None:
            return person
    raise KeyError(f"the author '{key}' is not in the registry; give a registry or person id.")
