"""The opinion map of a balloon: groups, consensus, cross-line consensus, and the close."""

from secondtrack.balloons.models import Balloon, Pseudonym
from secondtrack.dialogues.models import Participation
from tests.balloons.test_balloons import add_statement, float_balloon, statements, vote
from tests.record.helpers import bearer


def planted_room(client, room):
    """JP members agree with statement A, KR members disagree; everyone agrees with B."""
    alice = bearer(client, room.alice)
    bid = float_balloon(client, alice, room.alpha.id).json()["id"]
    add_statement(client, alice, bid, "Statement A")
    add_statement(client, alice, bid, "Statement B", kind="condition")
    add_statement(client, alice, bid, "Statement C", kind="objection")
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    for n, user in enumerate(room.users):
        side = 1 if n < 6 else -1
        auth = bearer(client, user)
        vote(client, auth, bid, ids["Statement A"], side)
        vote(client, auth, bid, ids["Statement C"], -side)
        vote(client, auth, bid, ids["Statement B"], 1)
        vote(client, auth, bid, ids["Hotline between coast guards"], 1)
    return bid, alice


def test_map_finds_the_planted_groups_with_evidence(client, room):
    bid, alice = planted_room(client, room)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    assert sorted(g["size"] for g in opinion["groups"]) == [6, 6]
    texts = {s["text"] for g in opinion["groups"] for s in g["representative"]}
    assert "Statement A" in texts
    evidence = opinion["groups"][0]["representative"][0]["evidence"]
    assert "of 6 in this group who reacted" in evidence


def test_cross_line_consensus_names_only_blocs_of_at_least_k(client, room):
    bid, alice = planted_room(client, room)
    # a lone participant from NZ reacts: that bloc must never be shown
    lone = room.users[0].person
    lone.countries = ["NZ"]
    lone.save()
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    cross = {s["text"]: s for s in opinion["cross_line"]}
    assert "Statement B" in cross
    assert "Statement A" not in cross
    blocs = {b["bloc"] for s in opinion["cross_line"] for b in s["blocs"]}
    assert "NZ" not in blocs and "NZ" not in str(opinion)
    assert {"JP", "KR"} <= blocs


def test_no_group_smaller_than_k_is_ever_shown(client, room):
    bid, alice = planted_room(client, room)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    assert all(g["size"] >= 3 for g in opinion["groups"])
    assert all(points["group"] is None or points["group"] >= 0 for points in opinion["points"])


def test_closing_keeps_the_map_and_cuts_pseudonyms_from_people(client, room, session_keys_in_tmp):
    bid, alice = planted_room(client, room)
    before = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    convenor = bearer(client, room.convenor)
    response = client.post(
        f"/api/balloons/{bid}/close",
        {"outcome": "consensus"},
        content_type="application/json",
        **convenor,
    )
    assert response.status_code == 200
    assert not Pseudonym.objects.filter(tag__isnull=False).exists()
    assert list(session_keys_in_tmp.glob("*")) == []
    after = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    assert after["groups"] == before["groups"]
    assert after["cross_line"] == before["cross_line"]
    (proposal, *_) = statements(client, alice, bid)
    late = vote(client, alice, bid, proposal["id"], -1)
    assert late.status_code == 409
    assert Balloon.objects.get(id=bid).outcome == "consensus"


def test_only_convenors_close(client, room):
    bid, alice = planted_room(client, room)
    response = client.post(
        f"/api/balloons/{bid}/close",
        {"outcome": "parked"},
        content_type="application/json",
        **alice,
    )
    assert response.status_code == 403
    assert Balloon.objects.get(id=bid).status == "open"


def test_a_new_member_sees_the_map_but_not_who_is_who(client, room):
    bid, _ = planted_room(client, room)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **bearer(client, room.carol)).json()
    dumped = str(opinion)
    for user in room.users:
        assert user.person.name not in dumped and user.email not in dumped
    assert all(set(p) == {"x", "y", "group"} for p in opinion["points"])
    assert Participation.objects.filter(meeting=room.alpha).count() == 14
