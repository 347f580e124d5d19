"""People and organisations outside the registry, found by heuristics, flagged low.

No model is downloaded: a name is an honorific followed by capitalised words ("Dr. Lopez",
"Ambassador Reyes"), or a run of two to four capitalised words none of which is an
ordinary word, a place or an institution word ("John Whitaker", "Lee Kuan Yew"), or a
run ending in an organisation word ("Halvorsen Foundation", "Pacific Rim Shipping Group").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .context import honorific_start
from .lexicon import FUNCTION_WORDS, NON_NAME_WORDS, fold
from .names import LATIN_LETTERS

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
_WORD = f"[{_UPPER}][{LATIN_LETTERS}'’-]*"
CAP_RUN = re.compile(f"(?<![{LATIN_LETTERS}.])(?:{_WORD})(?:[ \\t]+(?:{_WORD})){{0,5}}")
ORG_SUFFIXES = frozenset(
    [
        "institute",
        "university",
        "foundation",
        "corporation",
        "company",
        "industries",
        "holdings",
        "group",
        "shimbun",
        "times",
        "post",
        "herald",
        "daily",
        "ilbo",
        "tribune",
        "gazette",
        "journal",
        "college",
        "academy",
        "centre",
        "center",
        "trust",
        "partners",
        "capital",
        "ventures",
        "shipping",
        "energy",
    ]
)
NOT_A_NAME = NON_NAME_WORDS | FUNCTION_WORDS
Covered = Callable[[int, int], bool]


def other_people(text: str, covered: Covered) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) where kind is 'person' or 'organisation'."""
    for run in CAP_RUN.finditer(text):
        group = run.group()
        single = " " not in group and "\t" not in group
        if single and (group.lower() in NOT_A_NAME or honorific_start(text, run.start()) is None):
            continue
        words = _words(run.start(), group)
        if covered(run.start(), run.end()):
            words = [w for w in words if not covered(w[0], w[1])]
        if words:
            yield from _classify(text, words)


def _words(offset: int, group: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for the space-separated words of a run starting at ``offset``."""
    words = []
    pos = offset
    for word in group.replace("\t", " ").split(" "):
        if word:
            words.append((pos, pos + len(word), word))
        pos += len(word) + 1
    return words


def _classify(text: str, words: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    keys = [fold(_bare(w[2])) for w in words]
    honorific = honorific_start(text, words[0][0])
    if honorific is not None and text[honorific].isupper() and keys[0] not in NOT_A_NAME:
        names = _leading_names(words, keys)
        if names:
            yield honorific, _end(names[-1]), "person"
            return
    while keys and keys[0] in FUNCTION_WORDS:
        words, keys = words[1:], keys[1:]
    named = any(k not in FUNCTION_WORDS and k not in ORG_SUFFIXES for k in keys[:-1])
    if len(words) >= 2 and keys[-1] in ORG_SUFFIXES and named:
        yield words[0][0], _end(words[-1]), "organisation"
        return
    while keys and keys[0] in NOT_A_NAME:
        words, keys = words[1:], keys[1:]
    names = _leading_names(words, keys)
    if len(names) >= 2 and not all(w[2].isupper() for w in names):
        yield names[0][0], _end(names[-1]), "person"


def _leading_names(
    words: list[tuple[int, int, str]], keys: list[str]
) -> list[tuple[int, int, str]]:
    names = []
    for word, key in zip(words, keys, strict=True):
        if key in NOT_A_NAME or key in ORG_SUFFIXES or len(key) < 2:
            break
        names.append(word)
        if word[2].endswith(("'s", "’s", ",", ".", ";", ":")):
            break
    return names


def _bare(word: str) -> str:
    """The word without trailing punctuation or possessive: "Lopez's," -> "Lopez"."""
    word = word.rstrip(",.;:")
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word.rstrip("'’")


def _end(word: tuple[int, int, str]) -> int:
    return word[0] + len(_bare(word[2]))
