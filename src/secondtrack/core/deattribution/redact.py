"""Apply findings: replace each span by its neutral replacement."""

from __future__ import annotations

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


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n"
