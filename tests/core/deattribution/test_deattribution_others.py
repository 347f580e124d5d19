import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def others(scanner, text):
    return [text[f.start : f.end] for f in scanner.scan(text) if f.category == "other_person"]


def test_finds_unknown_person_after_an_honorific(scanner):
    assert others(scanner, "Ambassador Reyes sent a note.") == ["Ambassador Reyes"]
    assert others(scanner, "A paper by Dr. Okonkwo was cited.") == ["Dr. Okonkwo"]


def test_finds_unknown_person_by_capitalised_words(scanner):
    assert others(scanner, "The analysis of John Whitaker was cited.") == ["John Whitaker"]


def test_finds_unknown_organisation_by_its_last_word(scanner):
    assert others(scanner, "The Halvorsen Foundation funds this.") == ["Halvorsen Foundation"]


def test_other_people_are_low_severity(scanner):
    assert {f.severity for f in scanner.scan("Ambassador Reyes sent a note.")} == {"low"}


@pytest.mark.parametrize(
    "text",
    [
        "The group discussed the South China Sea.",
        "The ASEAN Regional Forum remains the main venue.",
        "The Shangri-La Dialogue was held a week before.",
        "Japan and South Korea have resumed shuttle diplomacy.",
        "The session was held under the Chatham House Rule.",
        "The General Assembly adopted the resolution.",
    ],
)
def test_places_institutions_and_events_are_not_people(scanner, text):
    assert others(scanner, text) == []
