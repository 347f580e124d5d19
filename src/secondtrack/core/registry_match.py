"""Telling whether two registry records may be the same person, and finding people by any
form of their name. Pure: no Django, so imports, merges and the invite search share it.

A name is compared as a *key*: Unicode-normalised (NFKC), diacritics removed from Latin
letters ("Nguyễn" → "nguyen"), case folded, honorifics and punctuation dropped, and the
words sorted, so "Tanaka Hiroshi", "HIROSHI TANAKA" and "Hiroshi  Tanaka" share one key.
Names in Han, kana or Hangul are compared without spaces ("田中 博" = "田中博"), and
traditional Chinese characters as simplified ones ("徐文傑" = "徐文杰", with opencc).

What this cannot do: it does not transliterate between scripts (田中博 is found by
"Tanaka" only because the record also carries "Hiroshi Tanaka"), and it does not know
that "Bill" and "William" are one person: a duplicate that shares neither an e-mail nor a
name form is not found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

HONORIFICS = frozenset(
    {"prof", "professor", "dr", "mr", "mrs", "ms", "miss", "amb", "gen", "adm", "col"}
    | {"capt", "hon", "sir", "dame", "ret"}
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _is_wide(ch: str) -> bool:
    """Han, kana and Hangul: scripts written without spaces between a name's parts."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


@functools.cache
def _to_simplified() -> Any:
    import opencc  # pinned; its dictionaries ship in the wheel

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """NFKC, Latin diacritics removed (đ → d as well), case folded, traditional Chinese
    characters folded to simplified (徐文傑 → 徐文杰)."""
    text = unicodedata.normalize("NFKC", text).replace("đ", "d").replace("Đ", "D")
    if any(_is_wide(ch) for ch in text):
        text = _to_simplified().convert(text)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _is_wide(ch))
    return unicodedata.normalize("NFKC", kept).casefold()


def words(text: str) -> list[str]:
    """The words of a name or query, folded, honorifics dropped; a run of Han, kana or
    Hangul is one word whatever spaces it holds."""
    folded = fold(text)
    tokens: list[str] = []
    for match in _WORD.finditer(folded):
        token = match.group()
        if all(_is_wide(ch) for ch in token) and tokens and all(_is_wide(c) for c in tokens[-1]):
            tokens[-1] += token
        else:
            tokens.append(token)
    return [t for t in tokens if t not in HONORIFICS]


def name_key(name: str) -> str:
    """One key per name form; empty when nothing is left (a bare honorific)."""
    parts = words(name)
    if len(parts) == 1 or all(len(p) > 1 for p in parts):
        return " ".join(sorted(parts))
    # Initials ("H. Tanaka") are too weak to identify anyone: no key.
    return ""


def name_keys(names: Iterable[str]) -> set[str]:
    keys = {name_key(n) for n in names}
    keys.discard("")
    # A lone family name is not a name key: "Tanaka" would match every Tanaka.
    return {k for k in keys if " " in k or any(_is_wide(ch) for ch in k)}


def search_text(names: Iterable[str], countries: Iterable[str] = ()) -> str:
    """What the invite search looks in: every word of every name form, space-separated and
    framed by spaces, so that a word prefix is found with `" " + prefix`; then each country
    as "~jp" (found by `country_fragment`)."""
    seen: dict[str, None] = {}
    for text in names:
        for word in words(text):
            seen.setdefault(word, None)
    seen.update((country_fragment(c).strip(), None) for c in countries)
    return " " + " ".join(seen) + " "


def country_fragment(code: str) -> str:
    return f" ~{code.lower()} "


def is_country_code(word: str) -> bool:
    """In a query, "JP" (two capitals) means the country, not a name."""
    return len(word) == 2 and word.isascii() and word.isalpha() and word.isupper()


def matches(query: str, text: str) -> bool:
    """True when every word of the query starts a word of `text` (made by `search_text`);
    a word in Han, kana or Hangul may also sit anywhere inside one."""
    return all(fragment in text for fragment in query_fragments(query))


def query_fragments(query: str) -> list[str]:
    """The substrings a record's search text must contain for the query to match."""
    fragments = []
    for raw in query.split():
        if is_country_code(raw):
            fragments.append(country_fragment(raw))
            continue
        fragments.extend(name_fragments(raw))
    return fragments


def name_fragments(name: str) -> list[str]:
    return [w if any(_is_wide(ch) for ch in w) else " " + w for w in words(name)]


@dataclass(frozen=True)
class Record:
    """What duplicate detection looks at in a person."""

    emails: frozenset[str]
    names: frozenset[str]  # name keys
    organisations: frozenset[str]  # organisation keys (see organisation_keys)


def organisation_keys(name: str, acronym: str = "", other_names: Iterable[str] = ()) -> set[str]:
    keys = {" ".join(words(n)) for n in [name, *other_names] if n}
    if acronym:
        keys.add("acronym:" + fold(acronym))
    keys.discard("")
    return keys


def record(
    emails: Iterable[str], names: Iterable[str], organisations: Iterable[Iterable[str]]
) -> Record:
    return Record(
        frozenset(e.strip().lower() for e in emails if e and e.strip()),
        frozenset(name_keys(names)),
        frozenset(k for org in organisations for k in org),
    )


def duplicate_reason(a: Record, b: Record) -> str:
    """Why two records look like one person, or "" when they do not: the same e-mail, or a
    shared name form together with an organisation in common."""
    if a.emails & b.emails:
        return "the same e-mail address"
    if a.names & b.names and a.organisations & b.organisations:
        return "the same name and an affiliation in common"
    return ""
