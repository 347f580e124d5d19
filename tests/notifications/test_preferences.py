"""Each person chooses which notices they receive, at once or in a daily digest."""

from __future__ import annotations

from email.header import decode_header, make_header

import pytest
from django.core.management import call_command
from django.urls import reverse

from secondtrack.notifications import outbox
from secondtrack.notifications.models import Notice, Preference
from secondtrack.notifications.services import notify_session_open, set_preferences
from tests.api.helpers import call
from tests.factories import PASSWORD
from tests.notifications.conftest import recipients


def float_in(client, world, user):
    path = f"/api/meetings/{world.alpha.id}/balloons"
    assert call(client, "post", path, user, {"text": "Shared buoys"}).status_code == 201


def test_every_kind_defaults_to_immediate(client, world):
    response = call(client, "get", "/api/me/notifications", world.alice)
    assert response.status_code == 200
    assert set(response.json().values()) == {"immediate"}
    assert "invitation" not in response.json()  # always sent


def test_it_saves_only_the_kinds_given(client, world):
    response = call(client, "put", "/api/me/notifications", world.alice, {"balloon": "digest"})
    assert response.status_code == 200
    assert response.json()["balloon"] == "digest" and response.json()["review"] == "immediate"
    assert Preference.objects.get(user=world.alice).delivery == "digest"


def test_it_rejects_turning_off_invitations_and_unknown_choices(client, world):
    for body in ({"invitation": "off"}, {"balloon": "sometimes"}):
        response = call(client, "put", "/api/me/notifications", world.alice, body)
        assert response.status_code == 422
        assert response.json()["detail"]
    assert not Preference.objects.exists()


def test_it_rejects_anonymous_callers(client, db):
    assert client.get("/api/me/notifications").status_code == 401
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 302 and "/login/" in page["Location"]


def test_the_page_shows_and_saves_the_choices(client, world):
    client.login(username=world.alice.email, password=PASSWORD)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()
    choices = dict.fromkeys(
        call(client, "get", "/api/me/notifications", world.alice).json(), "immediate"
    )
    response = client.post(reverse("notifications:preferences"), {**choices, "review": "off"})
    assert response.status_code == 302
    assert Preference.objects.get(user=world.alice, kind="review").delivery == "off"


def test_the_page_refuses_a_bad_choice(client, world):
    client.login(username=world.alice.email, password=PASSWORD)
    response = client.post(reverse("notifications:preferences"), {"review": "loudly"})
    assert response.status_code == 400
    assert not Preference.objects.exists()


def test_the_header_links_to_the_page(client, world):
    client.login(username=world.alice.email, password=PASSWORD)
    assert reverse("notifications:preferences") in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_off_sends_nothing_and_digest_waits_for_the_digest(client, world, smtp):
    set_preferences(world.alice, {"balloon": "off"})
    set_preferences(world.carol, {"balloon": "digest", "session_open": "digest"})
    float_in(client, world, world.carol)
    assert world.alice.email not in recipients(smtp)
    assert world.carol.email not in recipients(smtp)
    assert not Notice.objects.filter(recipient=world.alice.email).exists()
    assert Notice.objects.filter(recipient=world.carol.email, sent__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_digest_groups_a_persons_notices_into_one_mail(client, world, smtp):
    set_preferences(world.carol, {"balloon": "digest", "session_open": "digest"})
    float_in(client, world, world.alice)
    notify_session_open(world.alpha.sessions.get())
    smtp.messages.clear()
    call_command("send_notifications", "--digest")
    (digest,) = smtp.messages
    assert digest["To"] == world.carol.email
    assert "2 notices" in digest["Subject"]
    text = digest.get_payload()
    assert "Shared buoys" in text and "Plenary" in text
    assert not Notice.objects.filter(sent__isnull=True).exists()
    call_command("send_notifications", "--digest")
    assert len(smtp.messages) == 1  # nothing twice


@pytest.mark.django_db(transaction=True)
def test_without_digest_the_command_leaves_digest_notices_waiting(world, smtp):
    set_preferences(world.carol, {"session_open": "digest"})
    notify_session_open(world.alpha.sessions.get())
    smtp.messages.clear()
    call_command("send_notifications")
    assert smtp.messages == []
    assert outbox.bundle_digests() == 1


@pytest.mark.django_db(transaction=True)
def test_a_digest_is_in_its_recipients_language(world, smtp):
    """The digest is bundled by a task with no request: its subject and its opening line
    are in the language the recipient chose, as the notices in it are."""
    world.carol.language = "ja"
    world.carol.save(update_fields=["language"])
    set_preferences(world.carol, {"session_open": "digest"})
    notify_session_open(world.alpha.sessions.get())
    smtp.messages.clear()
    call_command("send_notifications", "--digest")
    (digest,) = smtp.messages
    subject = str(make_header(decode_header(digest["Subject"])))
    assert subject == "secondtrack：本日のまとめ（通知 1 件）"
    assert "collected once a day" not in digest.get_payload(decode=True).decode()
