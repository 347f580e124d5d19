"""Redactions that read well: take the whole identifying phrase, speak the sentence's language.

A replacement that leaves "VADM (ret.) a participant", "Rear-Admiral a participant" or
"V.S. a participant" behind still points at someone, so a name finding is widened over
the rank, title, initials and "(ret.)" in front of it, "(ret.)" and "from Tokyo" after
it, and an article that would double ("the a participant"). A replacement is then put
in the language of the sentence around the finding: a Chinese name inside an English
sentence becomes "a participant", an English name inside a Korean sentence "한 참가자".
"""

from __future__ import annotations

import re

from .cjk import TITLES
from .finding import Finding
from .lexicon import HONORIFICS, fold

_RISKY = frozenset(
    [
        "air",
        "assistant",
        "bu",
        "defence",
        "defense",
        "executive",
        "foreign",
        "her",
        "his",
        "senior",
        "state",
        "under",
        "father",
        "editor",
        "chair",
        "tan",
        "pak",
        "sr",
    ]
)
TITLE_WORDS = frozenset(w for h in HONORIFICS for w in h) - _RISKY | frozenset(
    [
        "vadm",
        "radm",
        "rdml",
        "ltg",
        "mg",
        "bg",
        "ltc",
        "lcdr",
        "cpt",
        "cwo",
        "sgm",
        "hon",
        "excellency",
        "retd",
        "rt",
        "lieut",
        "genl",
        "admiral-general",
    ]
)
_BEFORE = re.compile(
    r"(?P<token>\((?:ret|retd|retired|Ret|Retd|Retired)\.?\)|(?:[A-Z]\.[ \t]?){1,3}|"
    r"[A-Za-z][A-Za-z\-]*\.?)(?P<gap>[ \t]+|(?<=\.))$"
)
_AFTER = re.compile(
    r"(?:,?[ \t]*\((?:ret|retd|retired|Ret|Retd|Retired)\.?\)|,[ \t]+(?:Ret|Retd)\.(?=[\s,;:]))"
)
_FROM = re.compile(r"[ \t]+from[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3}")
_ARTICLE = re.compile(r"(?:^|(?<=[\s(\"“]))(?:the|The|a|A|an|An)[ \t]+$")
_HIS = re.compile(r"(?:His|Her|Your)[ \t]+$")

_SCRIPTS = [
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("hi", re.compile("[\u0900-\u097f]")),
    ("km", re.compile("[\u1780-\u17ff]")),
]
_TITLE_LENGTHS = sorted({len(t) for t in TITLES}, reverse=True)
CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
LATIN = re.compile("[A-Za-z]")
OTHER = re.compile("[\u0370-\u1fff]")
HANGUL = re.compile("[\uac00-\ud7af]")
KANA = re.compile("[\u3040-\u30ff]")

# The same neutral phrase in each language.
_EQUIVALENTS: list[dict[str, str]] = [
    {
        "en": "a participant",
        "zh": "一位与会者",
        "ja": "ある参加者",
        "ko": "한 참가자",
        "ru": "один из участников",
        "th": "ผู้เข้าร่วมคนหนึ่ง",
        "hi": "एक प्रतिभागी",
        "km": "អ្នកចូលរួមម្នាក់",
    },
    {"en": "another person", "zh": "另一人", "ja": "別の人物", "ko": "다른 사람"},
    {"en": "an organisation", "zh": "某机构", "ja": "ある機関", "ko": "한 기관"},
    {"en": "one country", "zh": "某国", "ja": "ある国", "ko": "한 나라"},
    {"en": "as a participant", "zh": "作为与会者", "ja": "ある参加者として", "ko": "한 참가자로서"},
]
_LOOKUP = {phrase: row for row in _EQUIVALENTS for phrase in row.values()}


def widen(text: str, finding: Finding) -> None:
    """Widen a name finding over the identifying words around it (in place)."""
    start, end = finding.start, finding.end
    for _ in range(6):
        if not _title_before(text, start):
            break
        m = _BEFORE.search(text, max(0, start - 30), start)
        if m is None:
            break
        token = m.group("token")
        key = fold(token.rstrip(".")).replace("-", " ")
        titled = all(w in TITLE_WORDS for w in key.split()) and token[:1].isupper()
        if not (token.startswith("(") or re.fullmatch(r"(?:[A-Z]\.[ \t]?)+", token) or titled):
            break
        if "\n" in text[m.start() : start]:
            break
        start = m.start()
    his = _HIS.search(text, max(0, start - 8), start)
    if his is not None and start < finding.start:
        start = his.start()
    gap = 1 if text[end : end + 1] == " " else 0
    if end + gap < len(text) and not text[end + gap].isascii() and CJK.match(text, end + gap):
        for n in _TITLE_LENGTHS:
            if text[end + gap : end + gap + n] in TITLES:
                end += gap + n
                break
    if text[end : end + 1] in (" ", ",", "("):
        after = _AFTER.match(text, end)
        if after is not None:
            end = after.end()
        place = _FROM.match(text, end) if text.startswith(" from ", end) else None
        if place is not None and finding.category == "name":
            end = place.end()
    if finding.replacement.startswith(("a ", "an ", "another ")):
        article = _ARTICLE.search(text, max(0, start - 5), start)
        if article is not None:
            start = article.start()
            if text[start].isupper():
                finding.replacement = finding.replacement[:1].upper() + finding.replacement[1:]
    finding.start, finding.end = start, end


def _title_before(text: str, start: int) -> bool:
    """Cheap test: the word before ``start`` could be a title, initials or "(ret.)"."""
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or j == start - 1 and text[j] != ".":
        return False
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k] == "(" or text[k].isupper()


def language_at(text: str, start: int, end: int, reach: int = 60) -> str | None:
    """'en', 'zh', 'ja' or 'ko': the script of the sentence around [start, end), or None."""
    near = text[max(0, start - 12) : start] + text[end : end + 12]
    if near.isascii():
        if LATIN.search(near):
            return "en"
    elif not CJK.search(near) and LATIN.search(near) and not OTHER.search(near):
        return "en"
    before = text[max(0, start - reach) : start]
    after = text[end : end + reach]
    for stop in ".!?。！？\n":
        before = before.rsplit(stop, 1)[-1]
        after = after.split(stop, 1)[0]
    around = before + after
    latin = len(LATIN.findall(around))
    cjk = len(CJK.findall(around))
    if latin == 0 and cjk == 0:
        for language, script in _SCRIPTS:
            if len(script.findall(around)) >= 2:
                return language
        return None
    if latin > 2 * cjk:
        return "en"
    if cjk == 0:
        return None
    if HANGUL.search(around):
        return "ko"
    if KANA.search(around):
        return "ja"
    return "zh"


def in_language(text: str, finding: Finding, fallback: str | None = None) -> None:
    """Put the replacement in the language of the surrounding sentence (in place); where
    the sentence's script does not decide, in ``fallback`` (the document's language). Han
    characters without kana are Chinese by script, but Japanese in a Japanese document."""
    row = _LOOKUP.get(finding.replacement) or _LOOKUP.get(finding.replacement.lower())
    if row is None:
        return
    language = language_at(text, finding.start, finding.end) or fallback
    if language == "zh" and fallback == "ja":
        language = "ja"  # kanji without kana reads as Chinese by script alone, not here
    if language is None or language not in row:
        return
    current = next(
        lang for lang, phrase in row.items() if phrase.lower() == finding.replacement.lower()
    )
    if current == language:
        return
    finding.replacement = row[language]
