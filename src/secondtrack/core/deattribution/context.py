"""Clues around a candidate name: honorifics before it, possessives and verbs after it."""

from __future__ import annotations

import re

from .lexicon import FUNCTION_WORDS, HONORIFICS, NAME_SUFFIXES, fold
from .names import LATIN_LETTERS

_WORD = re.compile(f"[{LATIN_LETTERS}]+")
_HONORIFIC_LAST = frozenset(h[-1] for h in HONORIFICS)
SUFFIX_AFTER = re.compile(
    rf"[-\s]?(?:{'|'.join(sorted(NAME_SUFFIXES))})(?![{LATIN_LETTERS}])", re.I
)
POSSESSIVE_AFTER = re.compile(rf"['’]s(?![{LATIN_LETTERS}])|(?<=s)['’](?![{LATIN_LETTERS}])")
WORD_AFTER = re.compile(rf"([ \t]+)([{LATIN_LETTERS}]+)")

REPORTING_VERBS = frozenset(
    [
        "said",
        "says",
        "argued",
        "argues",
        "noted",
        "notes",
        "suggested",
        "suggests",
        "asked",
        "asks",
        "replied",
        "replies",
        "added",
        "adds",
        "proposed",
        "proposes",
        "pointed",
        "points",
        "stressed",
        "stresses",
        "observed",
        "observes",
        "warned",
        "warns",
        "remarked",
        "agreed",
        "agrees",
        "disagreed",
        "disagrees",
        "mentioned",
        "mentions",
        "raised",
        "raises",
        "explained",
        "explains",
        "insisted",
        "insists",
        "emphasised",
        "emphasized",
        "emphasises",
        "emphasizes",
        "recalled",
        "recalls",
        "cautioned",
        "cautions",
        "countered",
        "objected",
        "wrote",
        "writes",
        "thinks",
        "believes",
        "felt",
        "feels",
        "put",
        "puts",
        "made",
        "makes",
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "presented",
        "presents",
        "responded",
        "responds",
        "reminded",
        "reminds",
        "offered",
        "offers",
        "circulated",
        "tabled",
        "urged",
        "urges",
        "described",
        "describes",
        "framed",
        "frames",
        "acknowledged",
        "conceded",
        "questioned",
        "challenged",
    ]
)
SENTENCE_END = frozenset('.!?:;"“”‘(\n•*-–—')


def honorific_start(text: str, start: int) -> int | None:
    """Start of an honorific directly before ``start`` ("Prof. ", "Rear Admiral\\n")."""
    before = text[max(0, start - 30) : start]
    stripped = before.rstrip(" \t\r\n.")
    if not stripped or len(stripped) == len(before):
        return None
    last = stripped.rsplit(None, 1)[-1].lstrip("([{\"'“‘-")
    if last.lower() not in _HONORIFIC_LAST:
        return None
    words = list(_WORD.finditer(text, max(0, start - 40), start))[-4:]
    if not words or text[words[-1].end() : start].strip(" \t\r\n.") != "":
        return None
    if text[words[-1].end() : start].count("\n") > 1:
        return None
    found = None
    for n in range(1, len(words) + 1):
        chosen = words[-n:]
        gaps = (text[a.end() : b.start()] for a, b in zip(chosen, chosen[1:], strict=False))
        if any(g.strip(" .-\t\n") for g in gaps):
            break
        if tuple(fold(w.group()) for w in chosen) in HONORIFICS:
            found = chosen[0].start()
    return found


def suffix_end(text: str, end: int) -> int | None:
    m = SUFFIX_AFTER.match(text, end)
    return m.end() if m else None


def possessive_end(text: str, end: int) -> int | None:
    m = POSSESSIVE_AFTER.match(text, end)
    return m.end() if m else None


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def word_before(text: str, start: int) -> tuple[str, str] | None:
    """(word, gap): the word before ``start`` and the characters between them."""
    seg = text[max(0, start - 30) : start]
    gap_start = len(seg)
    while gap_start > 0 and not seg[gap_start - 1].isalpha():
        gap_start -= 1
    word_start = gap_start
    while word_start > 0 and seg[word_start - 1].isalpha():
        word_start -= 1
    if word_start == gap_start:
        return None
    return seg[word_start:gap_start], seg[gap_start:]


def word_after(text: str, end: int) -> str | None:
    m = WORD_AFTER.match(text, end)
    return m.group(2) if m else None


def next_is_other_proper_noun(text: str, end: int, name_parts: frozenset[str]) -> bool:
    """'Park Avenue', 'Hong Kong': the match is the start of some other proper noun."""
    word = word_after(text, end)
    if not word or not word[0].isupper():
        return False
    key = fold(word)
    return key not in FUNCTION_WORDS and key not in name_parts and word != "I"


def prev_is_other_proper_noun(text: str, start: int, name_parts: frozenset[str]) -> bool:
    """'Olympic Park', 'Central Park': the match ends some other proper noun."""
    before = word_before(text, start)
    if before is None or before[1].strip() or not before[0][0].isupper():
        return False
    word = before[0]
    begin = start - len(before[1]) - len(word)
    if is_sentence_start(text, begin):
        return False
    key = fold(word)
    return key not in FUNCTION_WORDS and key not in name_parts
