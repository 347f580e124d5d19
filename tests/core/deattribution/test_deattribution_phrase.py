"""Redactions that read well (issue 14, item 4): the whole identifying phrase goes, the
replacement is capitalised at a sentence start and in the surrounding sentence's language."""

import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


@pytest.mark.parametrize(
    "text",
    [
        "VADM (ret.) Morimoto argued for restraint.",
        "Rear-Admiral Morimoto argued for restraint.",
        "Vice Admiral (Ret.) Morimoto argued for restraint.",
        "V.S. Morimoto argued for restraint.",
        "H. Tanaka argued for restraint.",
        "Morimoto (ret.) argued for restraint.",
        "Tanaka from Tokyo argued for restraint.",
        "His Excellency Kim Min-jun argued for restraint.",
    ],
)
def test_rank_initials_retired_and_place_go_with_the_name(scanner, text):
    assert scanner.redact(text) == "A participant argued for restraint."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tanaka argued for calm.", "A participant argued for calm."),
        ("- Tanaka argued for calm.", "- A participant argued for calm."),
        ("1. Tanaka argued for calm.", "1. A participant argued for calm."),
        ("## Tanaka on hotlines", "## A participant on hotlines"),
        ("Calm: Tanaka argued for it.", "Calm: A participant argued for it."),
        ("We spoke with Dr. Tanaka.", "We spoke with a participant."),
        ("“Tanaka argued for calm.”", "“A participant argued for calm.”"),
    ],
)
def test_replacement_is_capitalised_at_a_sentence_start_only(scanner, text, expected):
    assert scanner.redact(text) == expected


def test_a_chinese_name_in_an_english_sentence_gets_an_english_replacement(scanner):
    text = "The paper by 田中博 was widely read."
    assert scanner.redact(text) == "The paper by a participant was widely read."


def test_a_latin_name_in_a_chinese_sentence_gets_a_chinese_replacement(scanner):
    assert scanner.redact("我们同意 Tanaka 教授的看法。") == "我们同意 一位与会者的看法。"
    assert scanner.redact("我们同意Tanaka教授的看法。") == "我们同意一位与会者的看法。"
    assert scanner.redact("田中博教授认为这很重要。") == "一位与会者认为这很重要。"


def test_a_korean_sentence_keeps_a_korean_replacement(scanner):
    redacted = scanner.redact("김민준 차관은 동의했다.")
    assert "김민준" not in redacted and "한 참가자" in redacted


def test_a_report_language_decides_only_where_the_sentence_does_not(scanner):
    # A name standing alone (a heading, a list item) has no sentence to speak for it.
    assert scanner.redact("Tanaka", language="zh-hans") == "一位与会者"
    assert scanner.redact("Tanaka", language="ja") == "ある参加者"
    assert scanner.redact("Tanaka") == "A participant"
    # An English sentence in a Chinese report stays English; a Chinese one is Chinese.
    assert (
        scanner.redact("Tanaka argued for calm.", language="zh-hans")
        == "A participant argued for calm."
    )
    chinese = scanner.redact("田中博教授认为这很重要。", language="en-gb")
    assert chinese == "一位与会者认为这很重要。"


def test_kanji_without_kana_is_japanese_in_a_japanese_report(scanner):
    # A heading of Han characters only is Chinese by script; the report says otherwise.
    assert scanner.redact("田中博教授", language="ja") == "ある参加者"
    assert scanner.redact("田中博教授", language="zh-hans") == "一位与会者"
    assert scanner.redact("田中博教授") == "一位与会者"
