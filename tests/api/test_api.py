import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD


def token(client, user):
    response = client.post(
        "/api/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    return {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}


def test_wrong_password_gets_no_token(client, world):
    response = client.post(
        "/api/auth/token",
        {"email": world.alice.email, "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert "token" not in response.json()


def test_requests_without_a_token_are_refused(client, world):
    assert client.get("/api/meetings").status_code == 401
    assert client.get("/api/meetings", HTTP_AUTHORIZATION="Bearer forged").status_code == 401


def test_meetings_lists_only_the_callers_with_track(client, world):
    meetings = client.get("/api/meetings", **token(client, world.alice)).json()
    assert [m["title"] for m in meetings] == ["Alpha Meeting"]
    assert meetings[0]["series"] == world.series.id
    assert meetings[0]["track"] in {"1", "1.5", "2", "3"}
    assert meetings[0]["track_explanation"].startswith("Track ")


@pytest.mark.parametrize("suffix", ["", "/participants", "/sessions", "/composition"])
def test_non_members_get_404_everywhere(client, world, suffix):
    response = client.get(f"/api/meetings/{world.beta.id}{suffix}", **token(client, world.alice))
    assert response.status_code == 404
    assert "Bob" not in response.content.decode()


def test_participants_respect_listing_choices(client, world):
    body = client.get(
        f"/api/meetings/{world.alpha.id}/participants", **token(client, world.alice)
    ).json()
    assert [p["name"] for p in body["participants"]] == ["Alice Tanaka"]
    assert body["not_listed"] == 1
    assert "capacity" not in body["participants"][0] or body["participants"][0]["capacity"] is None


def test_convenor_sees_all_participants_with_capacity(client, world):
    body = client.get(
        f"/api/meetings/{world.alpha.id}/participants", **token(client, world.convenor)
    ).json()
    assert {p["name"] for p in body["participants"]} == {"Alice Tanaka", "Carol Park"}
    assert body["participants"][0]["capacity"] == "private"


def test_sessions_carry_rule_and_status(client, world):
    sessions = client.get(
        f"/api/meetings/{world.alpha.id}/sessions", **token(client, world.alice)
    ).json()
    assert sessions == [
        {
            "id": sessions[0]["id"],
            "title": "Plenary",
            "rule": "chatham_house",
            "status": "open",
            "starts": None,
            "ends": None,
            "duration_minutes": 60,
            "room": "",
            "facilitator": None,
            "position": 0,
            "rule_locked": True,  # open without a start: it has started
        }
    ]


def test_convenor_creates_a_session_and_bad_rules_are_explained(client, world):
    auth = token(client, world.convenor)
    created = client.post(
        f"/api/meetings/{world.alpha.id}/sessions",
        {"title": "Lunch", "rule": "off_the_record"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201
    bad = client.post(
        f"/api/meetings/{world.alpha.id}/sessions",
        {"title": "Lunch", "rule": "secret"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": "Check the field 'rule': that is not a rule; use one of 'on_the_record', "
        "'chatham_house', 'non_attributable' or 'off_the_record'.",
        "code": "invalid",
    }
    assert world.alpha.sessions.count() == 2


def test_members_cannot_create_sessions(client, world):
    response = client.post(
        f"/api/meetings/{world.alpha.id}/sessions",
        {"title": "Mine", "rule": "on_the_record"},
        content_type="application/json",
        **token(client, world.alice),
    )
    assert response.status_code == 403
    assert world.alpha.sessions.count() == 1


def test_person_officialness_with_derivation(client, world):
    body = client.get(
        f"/api/people/{world.bob.person_id}?at=2025-03-01", **token(client, world.convenor)
    ).json()
    assert body["officialness"] == 1.0
    assert body["serving_official"] is True
    assert body["steps"][0]["linkage_reason"].startswith("ministry")


def test_person_is_404_for_unrelated_members(client, world):
    response = client.get(f"/api/people/{world.bob.person_id}", **token(client, world.alice))
    assert response.status_code == 404


def test_openapi_schema_lists_the_contract_paths(client, db):
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/auth/token",
        "/api/meetings",
        "/api/meetings/{meeting_id}",
        "/api/meetings/{meeting_id}/participants",
        "/api/meetings/{meeting_id}/sessions",
    ):
        assert path in schema["paths"]


def test_meeting_list_query_count_does_not_grow_with_meetings(client, demo):
    from secondtrack.accounts.models import User

    convenor = User.objects.get(email="weiling.lim@example.org")
    response = client.post(
        "/api/auth/token",
        {"email": convenor.email, "password": "demo-password-for-tests"},
        content_type="application/json",
    )
    auth = {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}
    with CaptureQueriesContext(connection) as queries:
        assert len(client.get("/api/meetings", **auth).json()) == 3
    assert len(queries) <= 8
