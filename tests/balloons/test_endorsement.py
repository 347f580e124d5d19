"""Named endorsement (design §5, §7): opt-in, only once a statement reached consensus,
withdrawable until a memorandum with the balloon is sent, never saying who floated."""

from django.urls import reverse

from secondtrack.balloons.models import Balloon, Endorsement
from secondtrack.balloons.selectors import named_endorsers
from secondtrack.balloons.services import transmitted
from tests.balloons.test_balloons import statements
from tests.balloons.test_opinion_map import planted_room
from tests.record.helpers import PASSWORD, bearer


def url(bid, sid):
    return f"/api/balloons/{bid}/statements/{sid}/endorsement"


def test_a_member_endorses_a_consensus_statement_by_name_and_withdraws(client, room):
    bid, alice = planted_room(client, room)
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    member = bearer(client, room.users[3])
    made = client.post(url(bid, ids["Statement B"]), **member)
    assert made.status_code == 201, made.content
    name = room.users[3].person.name
    assert made.json()["endorsers"] == [name]
    listed = {s["text"]: s for s in statements(client, member, bid)}
    assert listed["Statement B"]["endorsers"] == [name] and listed["Statement B"]["endorsed_by_you"]
    assert listed["Statement A"]["endorsers"] == []
    balloon = Balloon.objects.get(id=bid)
    assert named_endorsers(balloon.statements.get(id=ids["Statement B"])) == [name]
    gone = client.delete(url(bid, ids["Statement B"]), **member)
    assert gone.status_code == 200 and gone.json()["endorsers"] == []
    assert not Endorsement.objects.exists()


def test_a_divisive_statement_cannot_be_endorsed(client, room):
    bid, alice = planted_room(client, room)
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    refused = client.post(url(bid, ids["Statement A"]), **bearer(client, room.users[0]))
    assert refused.status_code == 409
    assert "reached consensus" in refused.json()["detail"]
    assert not Endorsement.objects.exists()


def test_named_endorsers_of_a_balloon_are_those_of_its_proposal(client, room):
    bid, alice = planted_room(client, room)
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    proposal = ids["Hotline between coast guards"]
    for user in room.users[:2]:
        assert client.post(url(bid, proposal), **bearer(client, user)).status_code == 201
    client.post(url(bid, ids["Statement B"]), **bearer(client, room.users[5]))
    names = sorted(u.person.name for u in room.users[:2])
    assert named_endorsers(Balloon.objects.get(id=bid)) == names

    class Proposal:  # what trackone's memorandum hands over: anything with .balloon
        balloon = Balloon.objects.get(id=bid)

    assert named_endorsers(Proposal()) == names


def test_the_page_button_is_pressed_with_htmx_and_says_so(client, room):
    bid, alice = planted_room(client, room)
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    user = room.alice  # she floated it: endorsing says nothing about that
    assert client.login(username=user.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert page.count('aria-pressed="false"') >= 1
    target = reverse("balloon_endorse", args=[bid, ids["Statement B"]])
    cell = client.post(target, {"endorse": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-pressed="true"' in cell and user.person.name in cell
    assert "hx-post" in cell and "<script" not in cell
    again = client.get(reverse("balloon", args=[bid])).content.decode()
    assert "Endorsed by name (press to withdraw)" in again
    cell = client.post(target, {"endorse": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-pressed="false"' in cell and user.person.name not in cell


def test_no_withdrawal_once_a_memorandum_with_the_balloon_was_sent(client, room, monkeypatch):
    bid, alice = planted_room(client, room)
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    member = bearer(client, room.users[1])
    assert client.post(url(bid, ids["Statement B"]), **member).status_code == 201
    assert transmitted(Balloon.objects.get(id=bid)) is False
    monkeypatch.setattr("secondtrack.balloons.services.transmitted", lambda balloon: True)
    refused = client.delete(url(bid, ids["Statement B"]), **member)
    assert refused.status_code == 409 and "sent to Track One" in refused.json()["detail"]
    assert Endorsement.objects.count() == 1
