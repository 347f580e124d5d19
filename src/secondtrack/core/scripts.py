"""Which language a run of CJK text is in, so pages can mark it with ``lang``.

Screen readers and fonts need to know that 森川 健二 is Japanese and 김민준 Korean when the
page around them is English. The guess is by script only: kana means Japanese, Hangul
Korean, Han characters alone Chinese (a Japanese name written only in kanji is marked
``zh``: without kana the script cannot tell them apart; store ``other_names`` with a
language where that matters).
"""

from __future__ import annotations

import re

_CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff"
    r"\u3130-\u318f\u3000-\u303f\uff00-\uffef]+(?:[ \u3000·・]+[\u3040-\u30ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uac00-\ud7af]+)*"
)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def script_language(text: str) -> str | None:
    """'ja', 'ko' or 'zh' for a run of CJK text; None when it has none."""
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    return None


def split_by_script(text: str) -> list[tuple[str, str | None]]:
    """The text in pieces, each with its language (None for the page's own)."""
    out: list[tuple[str, str | None]] = []
    last = 0
    for match in _CJK_RUN.finditer(text):
        language = script_language(match.group())
        if language is None:
            continue
        if match.start() > last:
            out.append((text[last : match.start()], None))
        out.append((match.group(), language))
        last = match.end()
    if last < len(text):
        out.append((text[last:], None))
    return out
