import pytest
from deattribution_support import small_registry

from secondtrack.core.deattribution import Finding, Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(small_registry())


def test_redaction_replaces_every_finding(scanner):
    text = "Professor Tanaka said my government agreed with IMA."
    assert scanner.redact(text) == (
        "A participant said one government agreed with a research institute."
    )


def test_redaction_keeps_possessives_and_capitalises_sentence_starts(scanner):
    assert scanner.redact("Tanaka's point stood. Then Dr. Okonkwo spoke.") == (
        "A participant's point stood. Then another person spoke."
    )


def test_redaction_leaves_text_without_findings_unchanged(scanner):
    text = "Participants agreed that hotlines are useful."
    assert scanner.redact(text) == text


def test_redaction_removes_every_identifier_the_scan_found(scanner):
    text = "A retired Japanese admiral and Kim Min-jun met the Vice Minister's staff."
    redacted = scanner.redact(text)
    assert "Kim" not in redacted and "Japanese admiral" not in redacted
    assert scanner.scan(redacted) == []


def test_finding_to_dict_has_the_design_shape(scanner):
    finding = scanner.scan("Hiroshi Tanaka spoke.")[0]
    assert finding.to_dict() == {
        "start": 0,
        "end": 14,
        "category": "name",
        "severity": "high",
        "replacement": "a participant",
        "explanation": finding.explanation,
    }
    assert "Hiroshi Tanaka" in finding.explanation


def test_offsets_are_python_string_offsets(scanner):
    text = "😀 会議で田中教授は説明した。Then Hiroshi Tanaka spoke."
    for f in scanner.scan(text):
        assert isinstance(f, Finding)
    assert [text[f.start : f.end] for f in scanner.scan(text)] == ["田中教授", "Hiroshi Tanaka"]


def test_findings_are_sorted_and_do_not_overlap(scanner):
    findings = scanner.scan("We at IMA, as a former ambassador, met Professor Tanaka's team.")
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


def test_k_below_one_is_refused():
    with pytest.raises(ValueError, match="k must be at least 1"):
        Scanner(small_registry(), k=0)
