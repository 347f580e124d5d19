"""What the balloon map says about its own uncertainty: stability per group and overall,
no groups in a room too small, consensus ranked by survival and cut to five per direction."""

from django.urls import reverse

from tests.balloons.test_balloons import add_statement, float_balloon, statements, vote
from tests.balloons.test_opinion_map import planted_room
from tests.record.helpers import PASSWORD, bearer


def test_groups_carry_their_stability_in_the_api_and_on_the_page(client, room):
    bid, alice = planted_room(client, room)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    stability = opinion["stability"]
    assert stability["groups_shown"] is True
    assert 0.6 <= stability["overall"] <= 1.0
    assert [g["stability"] for g in opinion["groups"]] == [
        stability["groups"]["0"],
        stability["groups"]["1"],
    ]
    assert client.login(username=room.alice.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert "Stability of the groups:" in page
    assert f"stability {stability['groups']['0']}" in page


def test_a_room_of_eight_gets_no_groups_and_a_sentence_saying_why(client, room):
    alice = bearer(client, room.alice)
    bid = float_balloon(client, alice, room.alpha.id).json()["id"]
    add_statement(client, alice, bid, "Statement A")
    add_statement(client, alice, bid, "Statement B", kind="condition")
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    eight = room.users[2:10]  # four JP, four KR: two clear camps on A
    for n, user in enumerate(eight):
        auth = bearer(client, user)
        vote(client, auth, bid, ids["Statement A"], 1 if n < 4 else -1)
        vote(client, auth, bid, ids["Statement B"], 1 if n != 0 else 0)
        vote(client, auth, bid, ids["Hotline between coast guards"], 1 if n % 3 else -1)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    assert opinion["groups"] == []
    assert all(p["group"] is None for p in opinion["points"])
    note = opinion["evidence"]["groups_note"]
    assert "fewer than 12 people" in note and "only each statement's agreement is shown" in note
    assert "Statement B" in [c["text"] for c in opinion["consensus"]]
    assert client.login(username=room.alice.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert "No groups: fewer than 12 people" in page
    assert "Group 1" not in page


def test_consensus_shows_the_five_that_survive_best_and_all_on_request(client, room):
    alice = bearer(client, room.alice)
    bid = float_balloon(client, alice, room.alpha.id).json()["id"]
    for n in range(8):
        add_statement(client, alice, bid, f"Shared point {n}", kind="condition")
    listed = statements(client, alice, bid)
    for i, user in enumerate(room.users):
        auth = bearer(client, user)
        for j, s in enumerate(listed):
            vote(client, auth, bid, s["id"], -1 if (i + j) % 7 == 0 else 1)
    top = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    everything = client.get(f"/api/balloons/{bid}/opinion?all=true", **alice).json()
    assert len(top["consensus"]) == 5
    assert len(everything["consensus"]) == top["evidence"]["n_consensus"] > 5
    assert everything["consensus"][:5] == top["consensus"]
    survival = [c["survival"] for c in everything["consensus"]]
    assert survival == sorted(survival, reverse=True)
    assert all("resamples" in c["evidence"] for c in top["consensus"])
    assert client.login(username=room.alice.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert 'id="show-all"' in page
    page_all = client.get(reverse("balloon", args=[bid]) + "?all=1").content.decode()
    assert page_all.count("holds in") > page.count("holds in")
