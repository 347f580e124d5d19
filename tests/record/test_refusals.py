"""Bad input and outsiders: a clear error, and nothing changes."""

import pytest
from django.urls import reverse

from secondtrack.record.models import Contribution
from tests.factories import PASSWORD
from tests.record.helpers import bearer, close, listing, post


@pytest.fixture
def session(world):
    return world.alpha.sessions.get()


def snapshot():
    return list(Contribution.objects.order_by("id").values_list("id", "text", "withdrawn"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "   "}, "the contribution is empty"),
        ({"text": "x" * 10_001}, "at most 10,000 characters"),
        ({"text": "ok", "reply_to": "not-an-id"}, "is not the id of a contribution"),
        ({"text": "ok", "reply_to": "2b7e1516-28ae-4d2a-a6d2-15882f0a0a0a"}, "only reply to"),
    ],
)
def test_bad_contributions_are_explained_and_change_nothing(client, world, session, body, message):
    alice = bearer(client, world.alice)
    post(client, alice, session.id, "Existing.")
    before = snapshot()
    response = post(client, alice, session.id, **body)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert snapshot() == before


def test_malformed_json_is_refused(client, world, session):
    response = client.post(
        f"/api/sessions/{session.id}/contributions",
        "{not json",
        content_type="application/json",
        **bearer(client, world.alice),
    )
    assert response.status_code in (400, 422)
    assert not Contribution.objects.exists()


def test_posting_to_a_closed_session_is_refused(client, world, session):
    close(client, bearer(client, world.convenor), session.id)
    response = post(client, bearer(client, world.alice), session.id, "Late.")
    assert response.status_code == 409
    assert "read-only" in response.json()["detail"]
    assert not Contribution.objects.exists()


def test_a_withdrawn_contribution_cannot_be_edited(client, world, session):
    alice = bearer(client, world.alice)
    cid = post(client, alice, session.id, "Oops.").json()["id"]
    url = f"/api/sessions/{session.id}/contributions/{cid}"
    client.post(url + "/withdraw", {}, content_type="application/json", **alice)
    response = client.put(url, {"text": "Back"}, content_type="application/json", **alice)
    assert response.status_code == 409
    assert "withdrawn" in response.json()["detail"]
    assert Contribution.objects.get().text == ""


def test_closing_needs_confirmation(client, world, session):
    response = client.post(
        f"/api/sessions/{session.id}/close",
        {},
        content_type="application/json",
        **bearer(client, world.convenor),
    )
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.status == "open"


def test_members_cannot_close(client, world, session):
    assert close(client, bearer(client, world.alice), session.id).status_code == 403
    session.refresh_from_db()
    assert session.status == "open"


def test_closing_twice_is_refused(client, world, session):
    convenor = bearer(client, world.convenor)
    assert close(client, convenor, session.id).status_code == 200
    assert close(client, convenor, session.id).status_code == 409


@pytest.mark.parametrize("who", ["bob", "outsider"])
def test_non_members_get_404_on_api_and_pages(client, world, session, who):
    user = getattr(world, who)
    auth = bearer(client, user)
    assert client.get(f"/api/sessions/{session.id}/contributions", **auth).status_code == 404
    assert post(client, auth, session.id, "Intruding.").status_code == 404
    assert close(client, auth, session.id).status_code == 404
    assert client.login(username=user.email, password=PASSWORD)
    assert client.get(reverse("session", args=[session.id])).status_code == 404
    page_post = client.post(reverse("contribute", args=[session.id]), {"text": "Intruding."})
    assert page_post.status_code == 404
    assert not Contribution.objects.exists()


def test_analysts_see_no_content(client, world, session):
    from secondtrack.dialogues.models import SeriesRole
    from tests.factories import user_for

    analyst = user_for(None, "analyst@example.org")
    SeriesRole.objects.create(series=world.series, user=analyst, role="analyst")
    response = client.get(f"/api/sessions/{session.id}/contributions", **bearer(client, analyst))
    assert response.status_code == 403  # they know the meeting, but not what is said
    assert "aggregates only" in response.json()["detail"]


def test_listening_roles_cannot_post(client, world, session):
    world.alpha.participations.filter(person=world.alice.person).update(role="track_one_observer")
    response = post(client, bearer(client, world.alice), session.id, "Officially…")
    assert response.status_code == 403
    assert listing(client, bearer(client, world.alice), session.id) == []


def test_page_posting_works_and_shows_errors(client, world, session):
    assert client.login(username=world.alice.email, password=PASSWORD)
    url = reverse("contribute", args=[session.id])
    ok = client.post(url, {"text": "From the page."}, HTTP_ACCEPT="application/json")
    assert ok.status_code == 201
    empty = client.post(url, {"text": ""}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 422
    page = client.get(reverse("session", args=[session.id])).content.decode()
    assert "From the page." in page
    assert "Alice Tanaka" not in page.split('id="record"')[1]


def test_page_close_requires_the_box_ticked(client, world, session):
    assert client.login(username=world.convenor.email, password=PASSWORD)
    client.post(reverse("close_session", args=[session.id]), {})
    session.refresh_from_db()
    assert session.status == "open"
    client.post(reverse("close_session", args=[session.id]), {"confirm": "on"})
    session.refresh_from_db()
    assert session.status == "closed"
