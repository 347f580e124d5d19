"""The policy tables: the invariants the product promises, and docs that match them."""

import re
from pathlib import Path

from secondtrack.core import policy
from secondtrack.core.policy import ROLES, RULES, Can, Role, Rule, grants

DOCS = Path(__file__).resolve().parents[2] / "docs" / "access.md"


def test_every_role_that_may_do_anything_knows_the_meeting():
    for role, permissions in ROLES.items():
        assert not permissions or Can.KNOW in permissions, role


def test_aggregates_only_roles_never_read_names_or_content():
    for role in (Role.FUNDER, Role.ANALYST, Role.ADMIN):
        assert not ROLES[role] & {Can.READ_PARTICIPANTS, Can.READ_CONTENT, Can.DRAFT}, role


def test_a_track_one_observer_listens_only():
    assert not ROLES[Role.TRACK_ONE_OBSERVER] & {Can.SPEAK, Can.REACT, Can.REVIEW}
    assert Can.READ_CONTENT in ROLES[Role.TRACK_ONE_OBSERVER]


def test_grants_are_the_union_of_roles_and_refusals_depend_on_knowing():
    both = grants(["funder", "convenor"])
    assert both.can(Can.READ_CONTENT) and both.can(Can.CONVENE)
    assert grants(["funder"]).refusal_status(Can.READ_CONTENT) == 403
    assert policy.NOBODY.refusal_status(Can.READ_CONTENT) == 404
    assert grants(["participant"]).refusal_status(Can.SPEAK) is None


def test_only_on_the_record_shows_speakers_or_keeps_times():
    for rule, spec in RULES.items():
        attributed = rule == Rule.ON_THE_RECORD
        assert spec.speakers_seen_while_open is attributed
        assert spec.times_kept is attributed
        assert spec.scanned is not attributed
        assert not spec.speakers_seen_after_close or attributed


def test_small_non_attributed_rooms_get_batches_and_large_ones_do_not():
    assert RULES[Rule.CHATHAM_HOUSE].batches_release(6)
    assert not RULES[Rule.CHATHAM_HOUSE].batches_release(policy.SMALL_ROOM)
    assert not RULES[Rule.ON_THE_RECORD].batches_release(2)


def test_an_unknown_rule_is_refused_with_the_choices():
    try:
        policy.rule("whispered")
    except policy.UnknownRule as error:
        assert "chatham_house" in str(error)
    else:
        raise AssertionError("an unknown rule was accepted")


def test_the_models_choices_are_the_policys():
    from secondtrack.dialogues.models import Participation, Session

    assert set(Session.Rule.values) == {r.value for r in Rule}
    assert set(Participation.Role.values) == {r.value for r in policy.MEETING_ROLES}


def test_docs_table_matches_the_policy():
    rows = re.findall(r"^\| (\w+) \|((?: [✓ ]? \|)+)$", DOCS.read_text(), re.MULTILINE)
    header = re.search(r"^\| role \|(.*)\|$", DOCS.read_text(), re.MULTILINE).group(1)
    columns = [c.strip() for c in header.split("|")]
    assert columns == [c.value for c in Can]
    documented = {
        role: {col for col, cell in zip(columns, cells.split("|")[:-1], strict=True) if "✓" in cell}
        for role, cells in rows
    }
    assert documented == {r.value: {c.value for c in ROLES[r]} for r in Role}
