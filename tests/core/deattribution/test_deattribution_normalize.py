"""Spellings that hide a name from a matcher but not from a reader (issue 14, item 5).

Each is matched on the normalised text; the finding must cover the original characters,
so that redacting it leaves nothing of the name (nor an invisible control) behind.
"""

import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner
from secondtrack.core.deattribution.normalize import normalise


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def fullwidth(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


EVASIONS = {
    "plain": "Hiroshi Tanaka",
    "zero-width space": "Hiroshi Ta\u200bnaka",
    "zero-width joiner": "Hiro\u200dshi Tan\u200caka",
    "word joiner and BOM": "Hiroshi \u2060Tana\ufeffka",
    "soft hyphen (Word)": "Hiroshi Ta\u00adna\u00adka",
    "fullwidth": fullwidth("Hiroshi Tanaka"),
    "right-to-left override": "\u202eakanaT ihsoriH\u202c",
    "bidi isolate": "\u2066Hiroshi Tanaka\u2069",
    "combining accent": "Hiroshi Tana\u0301ka",
    "spaced letters": "H i r o s h i   T a n a k a",
    "hyphen inside": "Hiroshi Tan-aka",
    "letters between hyphens": "Hiroshi T-a-n-a-k-a",
    "hyphen at a line break": "Hiroshi Tana-\nka",
    "non-breaking hyphen at a line break": "Hiroshi Tana\u2011\n  ka",
    "spaced surname after honorific": "Professor T a n a k a",
    "fullwidth surname after honorific": "Professor " + fullwidth("Tanaka"),
}


@pytest.mark.parametrize("spelling", list(EVASIONS.values()), ids=list(EVASIONS))
def test_each_evasion_spelling_is_a_name_finding_over_the_original_characters(scanner, spelling):
    text = f"We heard {spelling} argue this."
    names = [f for f in scanner.scan(text) if f.category == "name"]
    assert len(names) == 1
    found = names[0]
    assert found.severity == "high"
    assert text[found.start : found.end] == spelling
    assert scanner.redact(text) == "We heard a participant argue this."


def test_offsets_after_an_evasion_still_point_at_the_original_text(scanner):
    text = "Ｔａｎａｋａ\u200b said so. Later, as Morimoto said, my ministry disagreed."
    by_category = {f.category: text[f.start : f.end] for f in scanner.scan(text)}
    assert by_category["name"] in {"Ｔａｎａｋａ\u200b", "Morimoto"}
    spans = [text[f.start : f.end] for f in scanner.scan(text)]
    assert "Morimoto" in spans and "my ministry" in spans
    assert any(s.startswith("Ｔａｎａｋａ") for s in spans)


def test_an_acronym_with_spaced_letters_is_an_affiliation(scanner):
    text = "The I M A paper was circulated."
    found = [f for f in scanner.scan(text) if f.category == "affiliation"]
    assert [text[f.start : f.end] for f in found] == ["The I M A"]


def test_ordinary_hyphenated_and_spaced_words_are_left_alone(scanner):
    text = "A well-known, self-\nevident point: options a b c were listed, and Jae-in agreed."
    assert normalise(text, scanner.known_word).text == text


def test_a_hyphenated_surname_is_not_joined_when_its_parts_are_names():
    registry = small_registry()
    scanner = Scanner(registry)
    assert not scanner.known_word("x")
    norm = normalise("Tanaka-Sato met.", scanner.known_word)
    assert norm.text == "Tanaka-Sato met."


def test_clean_text_is_not_copied():
    norm = normalise("Nothing unusual here.", lambda word: False)
    assert norm.origin is None and norm.span(3, 7) == (3, 7)


def test_redaction_of_a_reversed_name_removes_the_override(scanner):
    text = "Thanks to \u202eakanaT\u202c for hosting."
    assert scanner.redact(text) == "Thanks to a participant for hosting."
