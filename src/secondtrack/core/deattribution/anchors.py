"""One regex pass that finds where self-references and descriptions can start.

Both scanners are driven by trigger words ("my", "we", "as" ...; "admiral", "Japanese" ...);
finding them in one pass over the text halves the cost of two separate passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import quasi, selfref
from .names import LATIN_LETTERS
from .regions import case_variants, cjk_regions, trie_pattern

_SELF = frozenset(selfref.TRIGGER_WORDS.split())
_WORDS = case_variants([*_SELF, *quasi.TRIGGER_WORDS])
_ANCHOR = re.compile(f"(?<![{LATIN_LETTERS}]){trie_pattern(_WORDS)}(?![{LATIN_LETTERS}])")


@dataclass(frozen=True, slots=True)
class Anchors:
    self_reference: list[int]  # offsets where a self-reference pattern may start
    description: list[tuple[int, int]]  # spans of words a description may be built on
    cjk: list[tuple[int, int]]  # stretches of Chinese, Japanese or Korean script


def find_anchors(text: str) -> Anchors:
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(text):
        word = m.group()
        if word.lower() in _SELF:
            starts.append(m.start())
        else:
            spans.append(m.span())
    return Anchors(starts, spans, cjk_regions(text))
