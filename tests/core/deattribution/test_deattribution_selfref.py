import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def self_references(scanner, text):
    return [text[f.start : f.end] for f in scanner.scan(text) if f.category == "self_reference"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("My ministry would find it hard.", "My ministry"),
        ("Frankly, my government disagrees.", "my government"),
        ("In my country, fishermen see it differently.", "In my country"),
        ("As a former ambassador, I urge patience.", "As a former ambassador"),
        ("Speaking as a naval officer, I would caution.", "Speaking as a naval officer"),
        ("As I said when I was ambassador in Hanoi, no.", "when I was ambassador in Hanoi"),
        ("We Koreans have lived with this.", "We Koreans"),
        ("Our delegation prefers consultations.", "Our delegation"),
        ("During my years in the army, I learnt this.", "During my years in the army"),
        ("我国政府从未接受这种解释。", "我国"),
        ("わが国としては受け入れられない。", "わが国"),
        ("우리 정부는 그러한 해석을 받아들인 적이 없다.", "우리 정부"),
    ],
)
def test_finds_self_reference(scanner, text, span):
    assert self_references(scanner, text) == [span]


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Our Father of the Nation taught us patience.", "A national leader taught us patience."),
        ("As our King said, we must wait.", "As a national leader said, we must wait."),
        ("Our founding fathers wrote it down.", "A country's founders wrote it down."),
    ],
)
def test_the_speakers_own_leader_or_founders_are_a_self_reference(scanner, text, redacted):
    """A head of state or a national epithet said as "our" places the speaker in their
    country; the redaction names no country and reads as a sentence."""
    assert len(self_references(scanner, text)) == 1
    assert scanner.redact(text) == redacted


@pytest.mark.parametrize(
    "text", ["The King of Thailand was mentioned.", "Our chairman closed the session."]
)
def test_a_leader_spoken_of_from_outside_or_a_meeting_chair_is_not(scanner, text):
    assert self_references(scanner, text) == []


def test_we_at_an_organisation_flags_both_parts(scanner):
    findings = scanner.scan("We at IMA have tracked this.")
    assert [f.category for f in findings] == ["self_reference", "affiliation"]


@pytest.mark.parametrize(
    "text",
    [
        "Our dialogue has always relied on trust.",
        "Our region cannot afford another crisis.",
        "We at this table may disagree.",
        "He asked us not to describe his remarks as official.",
    ],
)
def test_collective_we_of_the_meeting_is_not_self_reference(scanner, text):
    assert self_references(scanner, text) == []
