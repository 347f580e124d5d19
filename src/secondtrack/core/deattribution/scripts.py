"""Names written in scripts other than Latin and CJK: Thai, Khmer, Lao, Myanmar, Cyrillic,
Devanagari and the other Indic scripts, Greek, Arabic, Hebrew, Georgian, Armenian.

Registry names (and organisation names) in these scripts are looked up as substrings of
the text's runs of the same script, case-folded. Scripts written with spaces between words
(Cyrillic, Greek, Devanagari, Arabic ...) need a word boundary on both sides; Thai, Khmer,
Lao and Myanmar are written without spaces, so a name is matched wherever it occurs (names
of one or two characters are not used there). A person's last word is also looked for
on its own in spaced scripts ("Петров"), when it is at least four letters long.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .cjk import CjkTarget
from .finding import Category
from .registry import Registry

_RANGES = (
    "\u0370-\u03ff\u1f00-\u1fff"  # Greek
    "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"  # Cyrillic
    "\u0530-\u058f"  # Armenian
    "\u0590-\u05ff"  # Hebrew
    "\u0600-\u06ff\u0750-\u077f"  # Arabic
    "\u0900-\u0dff"  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil ... Sinhala
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u10a0-\u10ff"  # Georgian
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
)
OTHER_SCRIPT = re.compile(f"[{_RANGES}]")
_RUN = re.compile(f"[{_RANGES}]+(?:[ \\u00a0.\\-][{_RANGES}]+)*")
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")
# Letters and marks of a word in a spaced script (for the boundary check).
_WORDCHAR = re.compile(f"[{_RANGES}]")


def has_other_script(text: str) -> bool:
    return OTHER_SCRIPT.search(text) is not None


class OtherScriptNames:
    """Substring lookup of registry names in non-Latin, non-CJK scripts."""

    def __init__(self, registry: Registry) -> None:
        self.names: dict[str, list[CjkTarget]] = {}
        affiliated = {a.organisation for p in registry.participants for a in p.affiliations}
        for person in registry.people.values():
            cat: Category = "name" if registry.is_participant(person.id) else "other_person"
            for name in (person.name, *person.other_names, *person.family_names):
                if not has_other_script(name):
                    continue
                self._add(name, CjkTarget(person.id, person.name, cat, "full"))
                words = name.split()
                if len(words) > 1 and len(words[-1]) >= 4 and not _UNSPACED.search(name):
                    self._add(words[-1], CjkTarget(person.id, person.name, cat, "family"))
        for org in registry.organisations.values():
            cat = "affiliation" if org.id in affiliated else "other_person"
            for name in (org.name, *org.other_names, *([org.acronym] if org.acronym else [])):
                if has_other_script(name):
                    self._add(name, CjkTarget(org.id, org.name, cat, "org", org.kind))
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)
        self.first = {n[0] for n in self.names}

    def _add(self, name: str, target: CjkTarget) -> None:
        key = " ".join(name.split()).casefold()
        if len(key) < 3 and _UNSPACED.search(key):
            return
        self.names.setdefault(key, []).append(target)

    def matches(self, text: str) -> Iterator[tuple[int, int, list[CjkTarget]]]:
        if not self.names or not has_other_script(text):
            return
        for run in _RUN.finditer(text):
            folded = run.group().casefold()
            if len(folded) != len(run.group()):
                folded = run.group().lower()
            if len(folded) != len(run.group()):
                continue
            base = run.start()
            i, end = 0, len(folded)
            while i < end:
                found = self._at(folded, i) if folded[i] in self.first else None
                if found is not None:
                    yield base + i, base + found[0], found[1]
                    i = found[0]
                else:
                    i += 1

    def _at(self, folded: str, i: int) -> tuple[int, list[CjkTarget]] | None:
        if i > 0 and _WORDCHAR.match(folded[i - 1]) and not _UNSPACED.match(folded[i]):
            return None
        for n in self.lengths:
            piece = folded[i : i + n]
            if len(piece) < n:
                continue
            targets = self.names.get(piece)
            if targets is None:
                continue
            after = folded[i + n : i + n + 1]
            if after and _WORDCHAR.match(after) and not _UNSPACED.match(piece[-1]):
                inflected = _inflected(piece, folded, i + n)
                if inflected is None:
                    continue
                return inflected, targets
            return i + n, targets
        return None


# Cyrillic case endings a family name takes in running text: Петров -> Петрова, Петрову.
_CYRILLIC_ENDINGS = ("а", "у", "ым", "ом", "е", "ой", "ых", "им", "ю", "я", "ой", "ого", "ому")


def _inflected(name: str, text: str, end: int) -> int | None:
    """The end of 'Петров' with a case ending ('Петрова'), or None."""
    if not ("\u0400" <= name[-1] <= "\u04ff"):
        return None
    for ending in sorted(set(_CYRILLIC_ENDINGS), key=len, reverse=True):
        if text.startswith(ending, end):
            after = text[end + len(ending) : end + len(ending) + 1]
            if not after or not _WORDCHAR.match(after):
                return end + len(ending)
    return None
