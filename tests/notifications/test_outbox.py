"""The outbox: mail goes out after commit only, a rollback sends nothing, a mail server
that cannot be reached leaves the notice pending with a sentence and the request succeeds."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from secondtrack.notifications import outbox
from secondtrack.notifications.models import Kind, Notice
from secondtrack.notifications.services import notify_session_open
from tests.api.helpers import call
from tests.delivery.conftest import _free_port
from tests.notifications.conftest import recipients

pytestmark = pytest.mark.django_db(transaction=True)


def session_of(world):
    return world.alpha.sessions.get()


def test_mail_arrives_only_after_the_transaction_commits(world, smtp):
    with transaction.atomic():
        notify_session_open(session_of(world))
        assert smtp.messages == []  # written to the outbox, not sent
        assert Notice.objects.filter(sent__isnull=True).count() == 4
    assert len(smtp.messages) == 4
    assert not Notice.objects.filter(sent__isnull=True).exists()


def test_a_rolled_back_transaction_sends_nothing(world, smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify_session_open(session_of(world))
        raise RuntimeError("something later in the same transaction failed")
    assert smtp.messages == []
    assert not Notice.objects.exists()
    call_command("send_notifications")
    assert smtp.messages == []


def test_a_sent_notice_keeps_no_body(world, smtp):
    notify_session_open(session_of(world))
    assert smtp.messages
    assert set(Notice.objects.values_list("body", flat=True)) == {""}


def test_an_unreachable_server_leaves_the_notice_pending_and_the_request_succeeds(
    client, world, unreachable_smtp
):
    response = call(
        client,
        "post",
        f"/api/meetings/{world.alpha.id}/invitations",
        world.convenor,
        {"name": "Dao Minh", "email": "dao@example.org"},
    )
    assert response.status_code == 201
    notice = Notice.objects.get(kind=Kind.INVITATION)
    assert notice.sent is None and notice.attempts == 1
    assert notice.last_error.startswith("Could not reach 127.0.0.1:")
    assert notice.last_error.endswith("send_notifications will try again.")
    assert "dao" not in notice.last_error.lower()


def test_send_notifications_delivers_what_was_left_pending(world, smtp, settings):
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, _free_port()  # the server is down...
    notify_session_open(session_of(world))
    assert Notice.objects.filter(sent__isnull=True).count() == 4
    settings.EMAIL_PORT = port  # ...and back up when cron runs the command
    call_command("send_notifications")
    assert len(smtp.messages) == 4
    assert not Notice.objects.filter(sent__isnull=True).exists()


def test_two_senders_never_mail_the_same_notice_twice(world, smtp, settings):
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, _free_port()
    notify_session_open(session_of(world))
    settings.EMAIL_PORT = port
    assert outbox.send_pending() == (4, 0)
    assert outbox.send_pending() == (0, 0)
    assert recipients(smtp) == sorted(
        [world.alice.email, world.carol.email, world.listener.email, world.convenor.email]
    )
