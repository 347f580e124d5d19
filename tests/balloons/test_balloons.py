"""Trial balloons: floating without an author, reacting under pseudonyms, the map."""

import hashlib

import pytest
from django.urls import reverse

from secondtrack.balloons.models import Balloon, Pseudonym, Reaction
from tests.balloons.conftest import listener
from tests.factories import PASSWORD
from tests.record.helpers import bearer


def float_balloon(client, auth, meeting_id, text="Hotline between coast guards", **extra):
    return client.post(
        f"/api/meetings/{meeting_id}/balloons",
        {"text": text, **extra},
        content_type="application/json",
        **auth,
    )


def vote(client, auth, balloon_id, statement, value):
    return client.post(
        f"/api/balloons/{balloon_id}/votes",
        {"statement": statement, "vote": value},
        content_type="application/json",
        **auth,
    )


def statements(client, auth, balloon_id):
    return client.get(f"/api/balloons/{balloon_id}", **auth).json()["statements"]


def add_statement(client, auth, balloon_id, text, kind="amendment"):
    return client.post(
        f"/api/balloons/{balloon_id}/statements",
        {"text": text, "kind": kind},
        content_type="application/json",
        **auth,
    )


def test_floating_gives_a_receipt_and_stores_no_author(client, world):
    response = float_balloon(client, bearer(client, world.alice), world.alpha.id)
    assert response.status_code == 201
    body = response.json()
    balloon = Balloon.objects.get(id=body["id"])
    assert body["receipt"] not in balloon.receipt_hash
    fields = {f.name for f in Balloon._meta.get_fields()}
    assert not fields & {"author", "person", "user", "created_by"}
    assert client.login(username=world.carol.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[balloon.id])).content.decode()
    assert "Alice" not in page


def test_the_receipt_proves_authorship_and_nothing_else_does(client, world):
    body = float_balloon(client, bearer(client, world.alice), world.alpha.id).json()
    assert client.login(username=world.alice.email, password=PASSWORD)
    url = reverse("balloon_receipt", args=[body["id"]])
    ok = client.post(url, {"receipt": body["receipt"]}, follow=True).content.decode()
    assert "This receipt matches" in ok
    bad = client.post(url, {"receipt": "guess"}, follow=True).content.decode()
    assert "does not match" in bad


def test_reactions_are_changeable_and_recorded_under_a_pseudonym(client, world):
    alice = bearer(client, world.alice)
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    (proposal,) = statements(client, alice, bid)
    assert vote(client, alice, bid, proposal["id"], 1).status_code == 200
    assert vote(client, alice, bid, proposal["id"], -1).status_code == 200
    assert statements(client, alice, bid)[0]["your_vote"] == -1
    assert Reaction.objects.get().vote == -1
    pseudonym = Pseudonym.objects.get()
    unkeyed = hashlib.sha256(str(world.alice.person_id).encode()).hexdigest()
    assert pseudonym.tag and pseudonym.tag != unkeyed
    assert statements(client, bearer(client, world.carol), bid)[0]["your_vote"] is None


@pytest.mark.parametrize(
    ("value", "message"), [(2, "is 1 (agree), -1 (disagree) or 0 (pass)"), (True, "is 1")]
)
def test_bad_votes_are_explained_and_change_nothing(client, world, value, message):
    alice = bearer(client, world.alice)
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    (proposal,) = statements(client, alice, bid)
    response = vote(client, alice, bid, proposal["id"], value)
    assert response.status_code == 422
    assert not Reaction.objects.exists()


def test_a_statement_of_another_balloon_is_refused(client, world):
    alice = bearer(client, world.alice)
    first = float_balloon(client, alice, world.alpha.id).json()["id"]
    second = float_balloon(client, alice, world.alpha.id, text="Another").json()["id"]
    (other,) = statements(client, alice, second)
    response = vote(client, alice, first, other["id"], 1)
    assert response.status_code == 422
    assert "statement of this balloon" in response.json()["detail"]


def test_empty_texts_are_refused(client, world):
    alice = bearer(client, world.alice)
    assert float_balloon(client, alice, world.alpha.id, text="  ").status_code == 422
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    response = add_statement(client, alice, bid, "")
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]
    assert add_statement(client, alice, bid, "x", kind="praise").status_code == 422


@pytest.mark.parametrize("who", ["bob", "outsider"])
def test_non_members_get_404(client, world, who):
    alice = bearer(client, world.alice)
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    auth = bearer(client, getattr(world, who))
    assert client.get(f"/api/balloons/{bid}", **auth).status_code == 404
    assert client.get(f"/api/balloons/{bid}/opinion", **auth).status_code == 404
    assert float_balloon(client, auth, world.alpha.id).status_code == 404
    assert client.get(f"/api/meetings/{world.alpha.id}/balloons", **auth).status_code == 404
    assert client.login(username=getattr(world, who).email, password=PASSWORD)
    assert client.get(reverse("balloon", args=[bid])).status_code == 404
    assert Balloon.objects.count() == 1


def test_listeners_cannot_float_or_react(client, world):
    carol = bearer(client, world.carol)
    bid = float_balloon(client, carol, world.alpha.id).json()["id"]
    listener(world)
    alice = bearer(client, world.alice)
    assert float_balloon(client, alice, world.alpha.id).status_code == 403
    (proposal,) = statements(client, alice, bid)
    assert vote(client, alice, bid, proposal["id"], 1).status_code == 403


def test_amended_version_links_to_the_old_and_shows_support_moving(client, room):
    alice = bearer(client, room.alice)
    first = float_balloon(client, alice, room.alpha.id).json()["id"]
    (p1,) = statements(client, alice, first)
    for n, user in enumerate(room.users[:6]):
        vote(client, bearer(client, user), first, p1["id"], 1 if n < 2 else -1)
    second = float_balloon(client, alice, room.alpha.id, text="Better", previous=first).json()
    assert Balloon.objects.get(id=second["id"]).previous_id == Balloon.objects.get(id=first).id
    (p2,) = statements(client, alice, second["id"])
    for user in room.users[:6]:
        vote(client, bearer(client, user), second["id"], p2["id"], 1)
    assert client.login(username=room.alice.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[second["id"]])).content.decode()
    assert "previous version was agreed by 2 of 6" in page
    assert "this one by all or all but one of 6" in page  # not "6 of 6": that tells each vote
    again = float_balloon(client, alice, room.alpha.id, text="Fork", previous=first)
    assert again.status_code == 422
