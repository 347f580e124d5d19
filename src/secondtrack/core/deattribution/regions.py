"""Where in a text the slower patterns need to run at all.

Most text is English; CJK patterns run only inside stretches of CJK script (runs joined
across single spaces, for Korean), and English patterns only from their trigger words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .names import CJK_CHARS

_Node = dict[str, "_Node"]
CJK_REGION = re.compile(f"[{CJK_CHARS}]+(?:[ \\d]{{1,2}}[{CJK_CHARS}]+)*")


def cjk_regions(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in CJK_REGION.finditer(text)]


def anchored(
    text: str,
    starts: Iterable[int],
    pattern: re.Pattern[str],
    lead_in: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start at one of ``starts`` (or at a ``lead_in`` ending
    right before it), left to right."""
    last_end = 0
    for start in starts:
        if start < last_end:
            continue
        m = None
        if lead_in is not None:
            lead = lead_in.search(text, max(last_end, start - 5), start)
            if lead is not None:
                m = pattern.match(text, lead.start())
        if m is None:
            m = pattern.match(text, start)
        if m is not None:
            last_end = m.end()
            yield m


def case_variants(words: list[str]) -> list[str]:
    """lower, Capitalised and Title Case forms, so a pattern needs no re.IGNORECASE (which
    makes ``re`` markedly slower)."""
    variants = set()
    for word in words:
        lower = word.lower()
        variants.update({lower, lower[:1].upper() + lower[1:], lower.title(), lower.upper()})
    return sorted(variants)


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes, which ``re`` matches
    far faster than a flat alternation of many words. Spaces match any whitespace."""
    trie: _Node = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: _Node) -> str:
    optional = "" in node
    branches = []
    for char in sorted(c for c in node if c):
        head = r"\s+" if char == " " else re.escape(char)
        branches.append(head + _pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body
