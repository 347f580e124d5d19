"""Idempotency keys: a retried post or vote gets the first answer and stores nothing twice."""

import pytest
from django.db import IntegrityError

from secondtrack.balloons.models import Reaction
from secondtrack.dialogues.models import Session
from secondtrack.idempotency.models import Answer
from secondtrack.record.models import Contribution
from tests.balloons.test_balloons import float_balloon, statements
from tests.record.helpers import bearer


def _post(client, auth, session_id, text, key):
    return client.post(
        f"/api/sessions/{session_id}/contributions",
        {"text": text},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **auth,
    )


@pytest.fixture
def plenary(world):
    return Session.objects.get(meeting=world.alpha)


def test_a_retried_api_post_returns_the_first_answer_and_stores_one_row(client, world, plenary):
    alice = bearer(client, world.alice)
    first = _post(client, alice, plenary.id, "Coast guards should talk weekly.", "k-1")
    again = _post(client, alice, plenary.id, "Coast guards should talk weekly.", "k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Contribution.objects.filter(session=plenary).count() == 1


def test_without_a_key_or_with_another_key_each_post_is_new(client, world, plenary):
    alice = bearer(client, world.alice)
    _post(client, alice, plenary.id, "Same words.", "k-1")
    _post(client, alice, plenary.id, "Same words.", "k-2")
    client.post(
        f"/api/sessions/{plenary.id}/contributions",
        {"text": "Same words."},
        content_type="application/json",
        **alice,
    )
    assert Contribution.objects.filter(session=plenary).count() == 3


def test_the_same_key_from_another_person_is_another_request(client, world, plenary):
    _post(client, bearer(client, world.alice), plenary.id, "Mine.", "shared-key")
    again = _post(client, bearer(client, world.carol), plenary.id, "Mine.", "shared-key")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Contribution.objects.filter(session=plenary).count() == 2


def test_a_retried_form_post_stores_one_contribution(client, world, plenary):
    client.force_login(world.alice)
    page = client.get(f"/sessions/{plenary.id}/")
    assert b'name="idempotency_key"' in page.content  # the form carries a fresh key
    form = {"text": "A proposal on fisheries.", "idempotency_key": "form-key-1"}
    first = client.post(f"/sessions/{plenary.id}/contributions/", form)
    again = client.post(f"/sessions/{plenary.id}/contributions/", form)
    assert first.status_code == again.status_code
    assert again.get("Location") == first.get("Location")
    assert Contribution.objects.filter(session=plenary).count() == 1


def test_a_late_retry_of_a_vote_does_not_undo_the_later_vote(client, world):
    alice = bearer(client, world.alice)
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    (proposal,) = statements(client, alice, bid)

    def vote(value, key):
        return client.post(
            f"/api/balloons/{bid}/votes",
            {"statement": proposal["id"], "vote": value},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=key,
            **alice,
        )

    assert vote(1, "agree-1").status_code == 200
    assert vote(-1, "disagree-1").status_code == 200
    assert vote(1, "agree-1")["Idempotent-Replayed"] == "true"  # the network retried late
    assert Reaction.objects.get().vote == -1


def test_the_stored_answer_is_sealed_and_names_no_one(client, world, plenary):
    alice = bearer(client, world.alice)
    _post(client, alice, plenary.id, "A confidential proposal.", "k-9")
    (answer,) = Answer.objects.all()
    assert answer.status == 201
    assert b"confidential" not in bytes(answer.sealed)
    assert len(answer.digest) == 64 and set(answer.digest) <= set("0123456789abcdef")
    assert set(Answer._meta.get_fields()) == {  # no user, no path, no key, no content
        Answer._meta.get_field(n) for n in ("digest", "status", "sealed", "created")
    }


def test_the_database_holds_one_answer_per_key(db):
    Answer.objects.create(digest="d" * 64)
    with pytest.raises(IntegrityError):
        Answer.objects.create(digest="d" * 64)


def test_a_failing_scan_or_broadcast_never_turns_a_stored_post_into_an_error(
    client, world, plenary, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from secondtrack.record import live, services

    def down(*args, **kwargs):
        raise ConnectionError("the channel layer is down")

    monkeypatch.setattr(services, "scan_as_author", down)
    monkeypatch.setattr(live, "get_channel_layer", down)
    alice = bearer(client, world.alice)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(client, alice, plenary.id, "Stored despite everything.", "k-5")
    assert callbacks  # the broadcast ran, after the commit, and failed
    assert response.status_code == 201
    assert Contribution.objects.filter(session=plenary).count() == 1
    assert "Stored despite" not in caplog.text  # the logs name no content
