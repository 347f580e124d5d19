"""Misspelt participant names: "Hiroshi Tanka", "Hirosi Tanaka", "Kenji Morimotto".

A misspelling of a full name still identifies its bearer to every reader, so it is a
high-severity name finding. The words of participants' full names (two or three words,
eight letters or more) are indexed by their one-letter deletions (symmetric deletion); a
run of capitalised words is looked at only when one of its words is a word of such a
name (the scanner passes the capitalised runs it would otherwise report as someone
outside the meeting, and the words next to a one-word name finding), and matches when
the others are exact but one, which is within one edit (or one transposition) of the
name's word of four letters or more. Exact registry names are not looked at again.
"""

from __future__ import annotations

import re

from .lexicon import COMMON_WORDS, fold
from .names import LATIN_LETTERS

_BEFORE = re.compile(f"([{LATIN_LETTERS}]+)[ \\t]$")
_AFTER = re.compile(f"[ \\t]([{LATIN_LETTERS}]+)")
_TOKEN = re.compile(f"[{LATIN_LETTERS}'’-]+")


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key)) if key[i] != " "}


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (stops above ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Misspellings:
    """Near misses of participants' full names: one word of the name exact, the other
    within one edit (or one transposition)."""

    def __init__(self, full_names: list[tuple[tuple[str, ...], str]]) -> None:
        """``full_names``: (folded tokens, participant's name) of each full-name form."""
        self.labels: dict[tuple[str, ...], str] = {}
        self.tokens: set[str] = set()
        for words, label in full_names:
            if 2 <= len(words) <= 3 and sum(len(t) for t in words) >= 8:
                self.labels[words] = label
                self.tokens.update(words)
        self.near: dict[str, set[str]] = {}
        for token in self.tokens:
            if len(token) >= 4:
                for d in _deletions(token):
                    self.near.setdefault(d, set()).add(token)

    def in_span(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """(start, end, participant's name) of a misspelt full name within [start, end)
        (a run of capitalised words the scanner took for someone outside the meeting)."""
        if not self.labels:
            return None
        words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
        keys = [fold(w[2].strip("'’-")) for w in words]
        known = [k in self.tokens for k in keys]
        # One word of a participant's name and one that is not: else nothing is misspelt.
        if all(known) or not any(known):
            return None
        for n in (3, 2):
            for i in range(len(words) - n + 1):
                name = self._match(tuple(keys[i : i + n]))
                if name is not None:
                    return words[i][0], words[i + n - 1][1], name
        return None

    def around(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """A misspelt word right before or after a one-word name finding ("Hirosi Tanaka")."""
        if not self.labels:
            return None
        word = fold(text[start:end])
        if word not in self.tokens:
            return None
        before = _BEFORE.search(text, max(0, start - 25), start)
        if before is not None and before.group(1)[:1].isupper():
            name = self._match((fold(before.group(1)), word))
            if name is not None:
                return before.start(1), end, name
        after = _AFTER.match(text, end)
        if after is not None and after.group(1)[:1].isupper():
            name = self._match((word, fold(after.group(1))))
            if name is not None:
                return start, after.end(1), name
        return None

    def _match(self, key: tuple[str, ...]) -> str | None:
        if key in self.labels or all(w in COMMON_WORDS for w in key):
            return None
        for i, token in enumerate(key):
            if token in self.tokens or len(token) < 4:
                continue
            for candidate in self._near(token):
                full = key[:i] + (candidate,) + key[i + 1 :]
                if full in self.labels and distance(token, candidate, 1) <= 1:
                    return self.labels[full]
        return None

    def _near(self, token: str) -> set[str]:
        found = set(self.near.get(token, ()))
        for d in _deletions(token):
            found |= self.near.get(d, set())
            if d in self.tokens:
                found.add(d)
        return found
