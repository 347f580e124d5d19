import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def spans(scanner, text, category="name"):
    return [text[f.start : f.end] for f in scanner.scan(text) if f.category == category]


def test_finds_full_name(scanner):
    assert spans(scanner, "Hiroshi Tanaka opened the session.") == ["Hiroshi Tanaka"]


def test_finds_surname_with_honorific(scanner):
    assert spans(scanner, "We thank Professor Tanaka for the paper.") == ["Professor Tanaka"]
    assert spans(scanner, "As Prof. Tanaka noted, it is late.") == ["Prof. Tanaka"]


def test_finds_bare_surname(scanner):
    assert spans(scanner, "The point made by Morimoto was accepted.") == ["Morimoto"]


def test_finds_initials_and_surname(scanner):
    assert spans(scanner, "As H. Tanaka wrote, the law is clear.") == ["H. Tanaka"]


def test_possessive_is_part_of_the_span(scanner):
    text = "Tanaka's proposal was endorsed."
    finding = scanner.scan(text)[0]
    assert text[finding.start : finding.end] == "Tanaka's"
    assert finding.replacement == "a participant's"


def test_finds_name_across_a_line_break(scanner):
    assert spans(scanner, "As Hiroshi\nTanaka put it, no.") == ["Hiroshi\nTanaka"]


def test_finds_family_name_first_and_given_name_first(scanner):
    assert spans(scanner, "Kim Min-jun and Min-jun Kim are one person.") == [
        "Kim Min-jun",
        "Min-jun Kim",
    ]


def test_finds_japanese_address_suffix(scanner):
    assert spans(scanner, "Tanaka-san agreed to draft it.") == ["Tanaka-san"]


def test_finds_names_in_cjk_scripts(scanner):
    assert spans(scanner, "田中博教授认为") == ["田中博教授"]  # the title goes with the name
    assert spans(scanner, "田中教授は説明した。") == ["田中教授"]
    assert spans(scanner, "김민준 박사는 제안했다.") == ["김민준 박사"]


def test_finds_given_name_people_are_addressed_by(scanner):
    assert spans(scanner, "Ms. Dewi noted the vote.") == ["Ms. Dewi"]


def test_common_word_surname_needs_context(scanner):
    assert spans(scanner, "The park near the venue was closed.") == []
    assert spans(scanner, "Park rangers report illegal fishing.") == []
    assert spans(scanner, "Park said the alliance was not a blank cheque.") == ["Park"]
    assert spans(scanner, "We agree with Dr. Park on this.") == ["Dr. Park"]


def test_surname_inside_another_proper_noun_is_not_a_name(scanner):
    assert spans(scanner, "The Lee Kuan Yew School was mentioned.") == []
    assert spans(scanner, "The reception was held in Olympic Park.") == []


def test_known_non_participant_is_other_person_at_low_severity(scanner):
    findings = scanner.scan("Peter Lindqvist declined an invitation.")
    assert [(f.category, f.severity) for f in findings] == [("other_person", "low")]


def test_participant_name_is_high_severity(scanner):
    assert scanner.scan("Hiroshi Tanaka spoke.")[0].severity == "high"
