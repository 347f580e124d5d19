import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def affiliations(scanner, text):
    return [text[f.start : f.end] for f in scanner.scan(text) if f.category == "affiliation"]


def test_finds_organisation_name(scanner):
    text = "The Institute of Maritime Affairs will host the workshop."
    assert affiliations(scanner, text) == ["The Institute of Maritime Affairs"]


def test_finds_acronym_in_its_own_case_only(scanner):
    assert affiliations(scanner, "Researchers at IMA agree.") == ["IMA"]
    assert affiliations(scanner, "Researchers at ima agree.") == []


def test_finds_organisation_in_cjk_script(scanner):
    assert affiliations(scanner, "海洋問題研究所は次回のワークショップを主催する。") == [
        "海洋問題研究所"
    ]


def test_finds_role_title_that_names_one_person(scanner):
    assert affiliations(scanner, "The Vice Minister left early.") == ["The Vice Minister"]
    assert affiliations(scanner, "It was welcomed by the Director of IMA.") == [
        "the Director of IMA"
    ]


def test_finds_specific_former_title(scanner):
    text = "According to the former ambassador to Vietnam, it changed."
    assert affiliations(scanner, text) == ["the former ambassador to Vietnam"]


def test_role_held_by_k_or_more_participants_is_not_a_role_finding():
    scanner = Scanner(small_registry(), k=1)
    assert affiliations(scanner, "The Vice Minister left early.") == []


def test_organisation_of_no_participant_is_other_person(scanner):
    findings = scanner.scan("Tasman Energy declined.")
    assert [(f.category, f.severity) for f in findings] == [("other_person", "low")]


def test_replacement_names_the_kind_of_organisation(scanner):
    finding = scanner.scan("Researchers at IMA agree.")[0]
    assert finding.replacement == "a research institute"
