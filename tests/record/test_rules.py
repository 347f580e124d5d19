"""What each session rule stores and shows."""

import pytest

from secondtrack.dialogues.models import Session
from secondtrack.record.models import Contribution
from tests.record.helpers import bearer, close, listing, post


@pytest.fixture
def session(world):
    return world.alpha.sessions.get()


def with_rule(session, rule):
    Session.objects.filter(id=session.id).update(rule=rule)
    session.refresh_from_db()
    return session


def test_on_the_record_keeps_the_speaker_for_members(client, world, session):
    with_rule(session, "on_the_record")
    post(client, bearer(client, world.alice), session.id, "We support a hotline.")
    rows = listing(client, bearer(client, world.carol), session.id)
    assert rows[0]["speaker"] == "Alice Tanaka"
    assert rows[0]["time_precision"] == "minute"


def test_chatham_house_shows_no_speaker_to_anyone_the_convenor_included(client, world, session):
    post(client, bearer(client, world.alice), session.id, "A frank view.")
    for user in (world.alice, world.carol, world.convenor):
        (row,) = listing(client, bearer(client, user), session.id)
        assert row["speaker"] is None
        assert row["time_precision"] == "session"
    stored = Contribution.objects.get()
    assert stored.speaker_id is None and stored.posted is None and stored.seal


def test_chatham_house_author_alone_can_edit_and_withdraw(client, world, session):
    alice, carol = bearer(client, world.alice), bearer(client, world.carol)
    cid = post(client, alice, session.id, "First draft.").json()["id"]
    assert listing(client, alice, session.id)[0]["yours"] is True
    assert listing(client, carol, session.id)[0]["yours"] is False
    url = f"/api/sessions/{session.id}/contributions/{cid}"
    refused = client.put(url, {"text": "Hijacked"}, content_type="application/json", **carol)
    assert refused.status_code == 403
    edit = client.put(url, {"text": "Second"}, content_type="application/json", **alice)
    assert edit.status_code == 200
    assert Contribution.objects.get().text == "Second"
    gone = client.post(url + "/withdraw", {}, content_type="application/json", **alice)
    assert gone.status_code == 200
    assert Contribution.objects.get().withdrawn


def test_closing_chatham_house_destroys_the_key_and_the_seals(
    client, world, session, session_keys_in_tmp
):
    alice = bearer(client, world.alice)
    cid = post(client, alice, session.id, "Sealed.").json()["id"]
    assert list(session_keys_in_tmp.iterdir())
    assert close(client, bearer(client, world.convenor), session.id).status_code == 200
    assert list(session_keys_in_tmp.iterdir()) == []
    assert Contribution.objects.get().seal is None
    edit = client.put(
        f"/api/sessions/{session.id}/contributions/{cid}",
        {"text": "Too late"},
        content_type="application/json",
        **alice,
    )
    assert edit.status_code == 409
    assert "closed" in edit.json()["detail"]
    assert listing(client, alice, session.id)[0]["yours"] is False


def test_speaker_may_waive_non_attribution_for_one_statement(client, world, session):
    alice = bearer(client, world.alice)
    post(client, alice, session.id, "On my name.", attribute_to_me=True)
    post(client, alice, session.id, "Not on my name.")
    speakers = {r["text"]: r["speaker"] for r in listing(client, alice, session.id)}
    assert speakers == {"On my name.": "Alice Tanaka", "Not on my name.": None}


def test_non_attributable_stores_no_link_and_edits_by_capability(client, world, session):
    with_rule(session, "non_attributable")
    alice, carol = bearer(client, world.alice), bearer(client, world.carol)
    posted = post(client, alice, session.id, "Unlinked.").json()
    stored = Contribution.objects.get()
    assert stored.seal is None and stored.speaker_id is None
    assert posted["capability"] not in stored.capability_hash
    url = f"/api/sessions/{session.id}/contributions/{posted['id']}"
    no_cap = client.put(url, {"text": "Mine?"}, content_type="application/json", **alice)
    assert no_cap.status_code == 403
    ok = client.put(
        url,
        {"text": "Changed", "capability": posted["capability"]},
        content_type="application/json",
        **carol,
    )
    assert ok.status_code == 200
    assert Contribution.objects.get().text == "Changed"


def test_off_the_record_keeps_text_encrypted_and_deletes_it_on_close(client, world, session):
    with_rule(session, "off_the_record")
    alice = bearer(client, world.alice)
    post(client, alice, session.id, "Nothing of this survives.")
    stored = Contribution.objects.get()
    assert stored.text == ""
    assert b"survives" not in bytes(stored.sealed_text)
    assert listing(client, alice, session.id)[0]["text"] == "Nothing of this survives."
    note = "Participants agreed to meet again."
    close(client, bearer(client, world.convenor), session.id, agreed_note=note)
    rows = listing(client, alice, session.id)
    assert [(r["kind"], r["text"], r["speaker"]) for r in rows] == [("agreed_note", note, None)]


def test_off_the_record_close_without_note_leaves_nothing(client, world, session):
    with_rule(session, "off_the_record")
    post(client, bearer(client, world.alice), session.id, "Gone.")
    close(client, bearer(client, world.convenor), session.id)
    assert not Contribution.objects.exists()


def test_listing_order_does_not_follow_posting_order(client, world, session):
    alice = bearer(client, world.alice)
    posted = [post(client, alice, session.id, f"Point {n}").json()["id"] for n in range(30)]
    listed = [r["id"] for r in listing(client, alice, session.id)]
    assert sorted(listed) == sorted(posted)
    assert listed != posted
    assert listed == sorted(listed)  # ordered by random identifiers


def test_replies_link_to_their_parent(client, world, session):
    alice, carol = bearer(client, world.alice), bearer(client, world.carol)
    parent = post(client, alice, session.id, "Proposal.").json()["id"]
    post(client, carol, session.id, "Agreed.", reply_to=parent)
    rows = {r["text"]: r for r in listing(client, alice, session.id)}
    assert rows["Agreed."]["reply_to"] == parent


def test_rapporteur_notes_are_for_rapporteurs(client, world, session):
    response = post(client, bearer(client, world.alice), session.id, "Heard.", kind="note")
    assert response.status_code == 403
    world.alpha.participations.filter(person=world.carol.person).update(role="rapporteur")
    response = post(client, bearer(client, world.carol), session.id, "Heard.", kind="note")
    assert response.status_code == 201
    assert Contribution.objects.get().kind == "note"
