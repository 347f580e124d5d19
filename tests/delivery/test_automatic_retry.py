"""When the service cannot be reached (no answer, an SMTP 4xx, a 5xx or 429 from Drive), a
delivery is tried again by itself after 1, 5 and 20 minutes before it is left to the
reader's Retry; a refusal for good is not tried again. Each try is a task that runs no
sooner than its time, and the reader sees when it comes."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.delivery.services import deliver, retry_delivery
from secondtrack.delivery.services.kindle import set_kindle_address
from secondtrack.taskqueue import runner as tasks
from tests.delivery.fakes import closed_port_url


@pytest.fixture
def queued(settings, django_capture_on_commit_callbacks):
    """Tasks go to the database and run when a worker claims them (as with `worker`);
    `queued(call)` runs a request's work and enqueues what it asked for on commit."""
    settings.SECONDTRACK_TASKS = "worker"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def committed(call, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args)

    return committed


class Answering:
    """An SMTP server that answers every message with one status line."""

    def __init__(self, status: str) -> None:
        self.status = status

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        return self.status


@pytest.fixture
def answering(settings):
    servers = []

    def start(status: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        controller = Controller(Answering(status), hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    yield start
    for controller in servers:
        controller.stop()


def _to_kindle(queued, alice, epub_bytes):
    set_kindle_address(alice, "alice@kindle.com")
    return queued(deliver, alice, "kindle", "a.epub", epub_bytes, "application/epub+zip", "A")


def _run_due_tasks():
    tasks.LeasedWorker(worker_id="test", batch=True).run()


def _time_passes(delivery):
    """Bring the delivery's next try (and its task) to now."""
    past = timezone.now() - timedelta(seconds=1)
    Delivery.objects.filter(id=delivery.id, retry_at__isnull=False).update(retry_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


def test_the_mail_server_down_is_tried_again_by_itself_and_the_epub_arrives_once(
    queued, alice, settings, smtp, epub_bytes
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = int(closed_port_url().rsplit(":", 1)[1])
    delivery = _to_kindle(queued, alice, epub_bytes)
    _run_due_tasks()
    delivery.refresh_from_db()
    assert delivery.status == "queued" and delivery.auto_retries == 1
    assert timedelta(seconds=50) < delivery.retry_at - timezone.now() <= timedelta(minutes=1)
    assert "tried again by itself in 1 minute (try 2 of 4)" in delivery.message
    (waiting,) = DBTaskResult.objects.filter(status="READY")
    assert abs(waiting.run_after - delivery.retry_at) < timedelta(seconds=1)
    _run_due_tasks()  # not yet its time: nothing happens
    assert Delivery.objects.get(id=delivery.id).auto_retries == 1

    settings.EMAIL_PORT = working_port  # the mail server is back
    _time_passes(delivery)
    _run_due_tasks()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.retry_at) == ("done", None)
    assert len(smtp.messages) == 1
    assert not PendingFile.objects.filter(delivery=delivery).exists()


def test_after_three_more_tries_it_is_left_to_the_reader(queued, alice, settings, epub_bytes):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = int(closed_port_url().rsplit(":", 1)[1])
    delivery = _to_kindle(queued, alice, epub_bytes)
    waits = []
    for _ in range(4):
        _run_due_tasks()
        delivery.refresh_from_db()
        if delivery.retry_at:
            waits.append(round((delivery.retry_at - timezone.now()).total_seconds() / 60))
        _time_passes(delivery)
    assert waits == [1, 5, 20]
    assert delivery.status == "failed" and delivery.retry_at is None
    assert delivery.message.endswith("press Retry in a moment. It was tried 4 times.")
    assert PendingFile.objects.filter(delivery=delivery).exists()
    # The reader's Retry starts afresh, with its own three automatic tries.
    delivery = queued(retry_delivery, alice, delivery.id)
    assert (delivery.status, delivery.auto_retries) == ("queued", 0)


def test_a_busy_mail_server_is_tried_again_but_a_refusal_is_not(
    queued, alice, answering, epub_bytes
):
    answering("451 4.3.0 try again later")
    busy = _to_kindle(queued, alice, epub_bytes)
    _run_due_tasks()
    busy.refresh_from_db()
    assert (busy.status, busy.auto_retries) == ("queued", 1)

    answering("554 5.7.1 message refused")
    refused = _to_kindle(queued, alice, epub_bytes)
    _run_due_tasks()
    refused.refresh_from_db()
    assert (refused.status, refused.auto_retries) == ("failed", 0)
    assert "refused the message" in refused.message and "tell the platform" in refused.message


def test_the_reader_may_retry_at_once_while_a_try_is_waiting(
    queued, alice, alice_client, settings, smtp, epub_bytes
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = int(closed_port_url().rsplit(":", 1)[1])
    delivery = _to_kindle(queued, alice, epub_bytes)
    _run_due_tasks()
    page = alice_client.get(f"/deliveries/{delivery.id}/").content.decode()
    assert "tried again by itself" in page and "Retry" in page
    assert 'hx-trigger="every 10s"' in page  # no need to ask every second for minutes

    settings.EMAIL_PORT = working_port
    retried = queued(alice_client.post, f"/deliveries/{delivery.id}/retry/")
    assert retried.status_code == 302
    _run_due_tasks()  # the reader's try runs now; the waiting one is no longer due
    delivery.refresh_from_db()
    assert delivery.status == "done" and len(smtp.messages) == 1
    _time_passes(delivery)
    _run_due_tasks()  # the old automatic try finds it delivered: nothing is sent twice
    assert len(smtp.messages) == 1
