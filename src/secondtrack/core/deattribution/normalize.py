"""Undo the spellings that hide a name from a matcher, keeping a map back to the original.

A name typed with a zero-width space ("Ta\\u200bnaka"), a soft hyphen pasted from Word,
fullwidth letters ("Ｔａｎａｋａ"), a right-to-left override ("\\u202eakanaT\\u202c" shows
as "Tanaka"), combining accents, spaced letters ("T a n a k a"), a hyphen inside
("Tana-ka") or a hyphen at a line break ("Tana-\\nka") reads as the name to a person. The
scanner matches the normalised text and maps every finding back with :class:`Normalised`,
so offsets always point at the original characters.

Spaced and hyphen-split letters are only joined when the joined word is a word the
scanner knows (a name part, an acronym); joining every "a b c" would invent words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Removed outright: zero-width characters, bidi embeddings/isolates/marks, soft hyphen,
# combining grapheme joiner, word joiner, BOM, Mongolian vowel separator.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_RLO, _PDF = "\u202e", "\u202c"
# Hyphens and dashes that may sit inside a word.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"
_SUSPECT = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
# Letters with single spaces between them: "T a n a k a", "I M A".
_SPACED = re.compile(r"(?<![^\W\d_])[^\W\d_](?: [^\W\d_]){2,}(?![^\W\d_])")
# A word cut by hyphens or a hyphen at a line break: "Tana-ka", "T-a-n-a-k-a", "Tana-\nka".
_SPLIT = re.compile(
    rf"(?<![^\W\d_])[^\W\d_]+(?:[{_DASHES}](?:[ \t]*\r?\n[ \t]*)?[^\W\d_]+)+(?![^\W\d_])"
)
_SPACED_HINT = re.compile(r" [^\W\d_] [^\W\d_]")
_SPLIT_PART = re.compile(rf"[{_DASHES}](?:[ \t]*\r?\n[ \t]*)?")
_DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"

Known = Callable[[str], bool]


_WIDEN = _INVISIBLE | {_RLO}


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` as matched, and for each of its characters the original offset."""

    text: str
    origin: list[int] | None  # None: the text is unchanged
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end), widened over the
        invisible characters around it (so a redaction leaves no override behind)."""
        if self.origin is None:
            return start, end
        if end <= start or start >= len(self.origin):
            at = self.origin[start] if start < len(self.origin) else len(self.original)
            return at, at
        first, last = self.origin[start], self.origin[end - 1]
        if last < first:  # reversed by a right-to-left override
            first, last = last, first
        last += 1
        original = self.original
        while first > 0 and original[first - 1] in _WIDEN:
            first -= 1
        while last < len(original) and original[last] in _WIDEN:
            last += 1
        return first, last


def _matters(normal: str, char: str) -> bool:
    """NFKC changes ``char`` into something with a letter or digit, or into a space or a
    hyphen (fullwidth punctuation such as '，' is left as it is: it hides no name)."""
    if normal == char:
        return False
    return any(c.isalnum() for c in normal) or normal.isspace() or normal in "-‐"


def _changing_class() -> re.Pattern[str]:
    """Every character NFKC turns into letters, digits, a space or a hyphen, every
    combining mark, every invisible control."""
    normalize, combining = unicodedata.normalize, unicodedata.combining
    codes = [
        c
        for block in (
            range(0x80, 0xD800),
            range(0xE000, 0x10000),
            range(0x1D400, 0x1D800),
            range(0x1F100, 0x1F200),
            range(0x2F800, 0x2FA20),
        )
        for c in block
        if _matters(normalize("NFKC", chr(c)), chr(c)) or combining(chr(c))
    ]
    codes += [ord(c) for c in _INVISIBLE | {_RLO}]
    codes.sort()
    ranges: list[str] = []
    start = prev = codes[0]
    for c in [*codes[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = c
    return re.compile("[" + "".join(ranges) + "]")


_CHANGING = _changing_class()


def normalise(text: str, known: Known | None = None) -> Normalised:
    """The matching form of ``text``; ``known(word)`` says whether a joined word is worth
    joining (spaced letters, hyphen-split words)."""
    chars, origin = text, None
    if (
        not text.isascii()
        and (_SUSPECT.search(text) or not unicodedata.is_normalized("NFKC", text))
        and _CHANGING.search(text) is not None
    ):
        chars, origin = _characters(text) if _RLO in text else _characters_fast(text)
    if known is not None:
        drops = _joins(chars, known)
        if drops:
            chars, origin = _drop(chars, origin, drops)
    return Normalised(chars, origin, text)


def _joins(text: str, known: Known) -> list[int]:
    """Offsets of the spaces and hyphens to drop so that split known words join up."""
    drops: list[int] = []
    for m in _spaced_runs(text):
        if known(m.group().replace(" ", "")):
            drops.extend(range(m.start() + 1, m.end(), 2))
    for m in _split_words(text):
        pieces = _SPLIT_PART.split(m.group())
        if not known("".join(pieces)):
            continue
        # "Jae-in" stays as it is when its parts are known names too.
        long = [p for p in pieces if len(p) > 1]
        if "\n" not in m.group() and long and all(known(p) for p in long):
            continue
        for part in _SPLIT_PART.finditer(m.group()):
            drops.extend(range(m.start() + part.start(), m.start() + part.end()))
    return sorted(set(drops))


def _spaced_runs(text: str) -> list[re.Match[str]]:
    """Runs of single spaced letters, found from a cheap literal-led hint."""
    found: list[re.Match[str]] = []
    last_end = 0
    for hint in _SPACED_HINT.finditer(text):
        i = hint.start()
        j = i - 1 if i > 0 and text[i - 1].isalpha() else i + 1
        while j >= 2 and text[j - 1] == " " and text[j - 2].isalpha():
            if j >= 3 and text[j - 3].isalpha():
                break
            j -= 2
        if j < last_end or (j > 0 and text[j - 1].isalpha()):
            continue
        m = _SPACED.match(text, j)
        if m is not None:
            found.append(m)
            last_end = m.end()
    return found


def _split_words(text: str) -> list[re.Match[str]]:
    """Hyphen-split words, found from the hyphens (rare) rather than from every letter."""
    found: list[re.Match[str]] = []
    last_end = 0
    for dash in _DASH_CHARS:
        i = text.find(dash)
        while i != -1:
            if i >= last_end and i > 0 and text[i - 1].isalpha():
                j = i - 1
                while j > 0 and text[j - 1].isalpha():
                    j -= 1
                m = _SPLIT.match(text, j)
                if m is not None:
                    found.append(m)
                    last_end = m.end()
            i = text.find(dash, max(i + 1, last_end))
    return found


def _drop(text: str, origin: list[int] | None, drops: list[int]) -> tuple[str, list[int]]:
    positions = origin if origin is not None else list(range(len(text)))
    keep_chars: list[str] = []
    keep_origin: list[int] = []
    pos = 0
    for d in drops:
        keep_chars.append(text[pos:d])
        keep_origin.extend(positions[pos:d])
        pos = d + 1
    keep_chars.append(text[pos:])
    keep_origin.extend(positions[pos:])
    return "".join(keep_chars), keep_origin


def _characters(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    reversed_from: int | None = None
    for i, c in enumerate(text):
        if c == _RLO:
            reversed_from = len(chars)
            continue
        if c in _INVISIBLE or c == "\n":
            if reversed_from is not None and c in (_PDF, "\n"):
                _reverse(chars, origin, reversed_from)
                reversed_from = None
            if c == "\n":
                chars.append(c)
                origin.append(i)
            continue
        if c.isascii():
            chars.append(c)
            origin.append(i)
            continue
        if unicodedata.combining(c) and chars:
            composed = unicodedata.normalize("NFC", chars[-1] + c)
            if len(composed) == 1:
                chars[-1] = composed
                continue
        for out in unicodedata.normalize("NFKC", c):
            chars.append(out)
            origin.append(i)
    if reversed_from is not None:
        _reverse(chars, origin, reversed_from)
    return "".join(chars), origin


def _characters_fast(text: str) -> tuple[str, list[int]]:
    """As :func:`_characters` for a text without a right-to-left override: only the
    characters that change are looked at one by one."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _CHANGING.finditer(text):
        i = m.start()
        if i > pos:
            parts.append(text[pos:i])
            origin.extend(range(pos, i))
        pos = i + 1
        c = text[i]
        if c in _INVISIBLE:
            continue
        if unicodedata.combining(c) and parts and parts[-1]:
            composed = unicodedata.normalize("NFC", parts[-1][-1] + c)
            if len(composed) == 1:
                parts[-1] = parts[-1][:-1] + composed
                continue
        out = unicodedata.normalize("NFKC", c)
        parts.append(out)
        origin.extend([i] * len(out))
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(parts), origin


def _reverse(chars: list[str], origin: list[int], start: int) -> None:
    chars[start:] = chars[start:][::-1]
    origin[start:] = origin[start:][::-1]
