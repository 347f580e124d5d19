"""POST /api/meetings/{id}/sessions with times; PATCH, DELETE and open of a session."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from secondtrack.dialogues.models import Session
from tests.api.helpers import call


def future(days=10):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


@pytest.fixture
def scheduled(client, world):
    body = {
        "title": "Hotlines",
        "rule": "chatham_house",
        "starts": future().astimezone(UTC).isoformat(),
        "duration_minutes": 90,
        "room": "Hall B",
    }
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/sessions", world.convenor, body
    )
    assert response.status_code == 201
    return Session.objects.get(id=response.json()["id"])


def test_it_creates_a_scheduled_session_from_an_offset_start(client, world):
    starts = "2031-05-04T09:30:00+09:00"
    body = {"title": "Deterrence", "rule": "non_attributable", "starts": starts, "position": 3}
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/sessions", world.convenor, body
    )
    session = Session.objects.get(id=response.json()["id"])
    assert session.status == "scheduled" and session.position == 3
    assert session.starts == datetime(2031, 5, 4, 0, 30, tzinfo=UTC)


def test_title_and_rule_alone_still_make_an_open_session(client, world):
    body = {"title": "Now", "rule": "on_the_record"}
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/sessions", world.convenor, body
    )
    assert Session.objects.get(id=response.json()["id"]).status == "open"


def test_it_rejects_a_start_without_offset(client, world):
    body = {"title": "X", "rule": "on_the_record", "starts": "2031-05-04T09:30:00"}
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/sessions", world.convenor, body
    )
    assert response.status_code == 422 and "offset" in response.json()["detail"]


def test_it_rejects_a_facilitator_who_is_not_a_member(client, world):
    body = {"title": "X", "rule": "on_the_record", "facilitator": world.bob.person_id}
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/sessions", world.convenor, body
    )
    assert response.status_code == 422 and "member" in response.json()["detail"]


def test_the_list_carries_the_timetable(client, world, scheduled):
    rows = call(client, "get", f"/api/meetings/{world.alpha.id}/sessions", world.alice).json()
    row = next(r for r in rows if r["id"] == scheduled.id)
    assert row["status"] == "scheduled" and row["room"] == "Hall B"
    assert row["duration_minutes"] == 90 and not row["rule_locked"]


def test_patch_changes_the_rule_before_the_start(client, world, scheduled):
    body = {"rule": "off_the_record", "room": "Hall C"}
    response = call(client, "patch", f"/api/sessions/{scheduled.id}", world.convenor, body)
    assert response.status_code == 200
    assert response.json()["rule"] == "off_the_record" and response.json()["room"] == "Hall C"


def test_patch_refuses_a_changed_rule_after_the_start_with_409(client, world):
    session = world.alpha.sessions.get()
    response = call(
        client, "patch", f"/api/sessions/{session.id}", world.convenor, {"rule": "on_the_record"}
    )
    assert response.status_code == 409
    assert "locked once the session has started" in response.json()["detail"]
    assert Session.objects.get(id=session.id).rule == "chatham_house"


def test_patch_of_the_same_rule_on_a_started_session_is_fine(client, world):
    session = world.alpha.sessions.get()
    body = {"rule": "chatham_house", "room": "Annex"}
    response = call(client, "patch", f"/api/sessions/{session.id}", world.convenor, body)
    assert response.status_code == 200 and response.json()["room"] == "Annex"


def test_delete_removes_a_session_until_it_starts(client, world, scheduled):
    response = call(client, "delete", f"/api/sessions/{scheduled.id}", world.convenor)
    assert response.status_code == 200
    assert not Session.objects.filter(id=scheduled.id).exists()


def test_delete_refuses_a_started_session(client, world):
    session = world.alpha.sessions.get()
    response = call(client, "delete", f"/api/sessions/{session.id}", world.convenor)
    assert response.status_code == 409


def test_open_opens_a_scheduled_session_early(client, world, scheduled):
    response = call(client, "post", f"/api/sessions/{scheduled.id}/open", world.convenor)
    assert response.status_code == 200 and response.json()["status"] == "open"
    again = call(client, "post", f"/api/sessions/{scheduled.id}/open", world.convenor)
    assert again.status_code == 409


def test_posting_before_the_start_is_409(client, world, scheduled):
    body = {"text": "Early."}
    response = call(
        client, "post", f"/api/sessions/{scheduled.id}/contributions", world.alice, body
    )
    assert response.status_code == 409 and "has not started" in response.json()["detail"]


def test_a_session_past_its_end_closes_on_read(client, world, scheduled):
    Session.objects.filter(id=scheduled.id).update(
        status="open", starts=timezone.now() - timedelta(hours=3)
    )
    rows = call(client, "get", f"/api/meetings/{world.alpha.id}/sessions", world.alice).json()
    assert next(r for r in rows if r["id"] == scheduled.id)["status"] == "closed"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_it_refuses_members_403_and_outsiders_404(client, world, scheduled, method):
    body = {"room": "X"} if method == "patch" else None
    member = call(client, method, f"/api/sessions/{scheduled.id}", world.alice, body)
    outsider = call(client, method, f"/api/sessions/{scheduled.id}", world.bob, body)
    missing = call(client, method, "/api/sessions/999999", world.convenor, body)
    assert (member.status_code, outsider.status_code, missing.status_code) == (403, 404, 404)


def test_wrong_methods_are_405(client, world, scheduled):
    response = call(client, "put", f"/api/sessions/{scheduled.id}", world.convenor, {})
    assert response.status_code == 405
