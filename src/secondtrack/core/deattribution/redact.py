"""Apply findings: replace each span by its neutral replacement."""

from __future__ import annotations

import re

from .finding import Finding


def redact(text: str, findings: list[Finding]) -> str:
    """Replace non-overlapping findings (as :meth:`Scanner.scan` returns them) in ``text``."""
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        replacement = f.replacement
        if replacement[:1].islower() and _starts_sentence(text, f.start):
            replacement = replacement[:1].upper() + replacement[1:]
        parts.append(text[pos : f.start])
        parts.append(replacement)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


_LIST_MARK = re.compile(r"(?:^|\n)[ \t]*(?:[-*+•>#]+|\d+[.)])[ \t]*$")


def _starts_sentence(text: str, start: int) -> bool:
    """At the start of the text, a line, a sentence, a heading or a list item."""
    window = text[max(0, start - 20) : start]
    if _LIST_MARK.search(window) or (start <= 20 and _LIST_MARK.match("\n" + window)):
        return True
    before = window.rstrip(" \t\"'“‘(*_[")
    if not before:
        return start <= 20 or not window.strip() and "\n" in window
    return before[-1] in ".!?\n:。！？" and not _abbreviation(before)


def _abbreviation(before: str) -> bool:
    """'Dr.' or 'e.g.' before the span: the full stop ends a word, not a sentence."""
    last = before.rsplit(None, 1)[-1].lower()
    return last in {"dr.", "mr.", "ms.", "mrs.", "prof.", "e.g.", "i.e.", "cf.", "vs.", "no."}
