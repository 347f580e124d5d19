"""The clearance gate: when a draft in review may be published."""

from datetime import date

import pytest

from secondtrack.core.clearance import Clearance, ClearanceRefused, override_reason

TODAY = date(2026, 3, 10)


def test_open_comments_before_the_deadline_block_publication():
    assert Clearance(True, date(2026, 3, 20), 2).blocks(TODAY)
    assert Clearance(True, TODAY, 1).blocks(TODAY)  # the deadline day is still review time


def test_a_passed_deadline_or_resolved_comments_clear_the_way():
    assert not Clearance(True, date(2026, 3, 9), 3).blocks(TODAY)
    assert not Clearance(True, date(2026, 3, 20), 0).blocks(TODAY)


def test_a_draft_never_circulated_is_not_held_by_review():
    assert not Clearance(False, None, 4).blocks(TODAY)


def test_it_rejects_a_missing_or_blank_override_reason_with_a_sentence():
    gate = Clearance(True, date(2026, 3, 20), 2)
    with pytest.raises(ClearanceRefused, match="2 participant comment\\(s\\) are not resolved"):
        override_reason(gate, TODAY, "   ")
    with pytest.raises(ClearanceRefused, match="at most 1,000"):
        override_reason(gate, TODAY, "x" * 1001)


def test_an_override_reason_is_kept_only_when_the_gate_is_closed():
    assert override_reason(Clearance(True, date(2026, 3, 20), 1), TODAY, " Minister asks ") == (
        "Minister asks"
    )
    assert override_reason(Clearance(True, date(2026, 3, 1), 1), TODAY, "not needed") == ""
