"""Outside tests a delivery is a task (delivery/tasks.py): enqueued in the database when the
request commits, never before and never after a rollback, and run by the server's own
threads (SECONDTRACK_TASKS=embedded) or by `secondtrack worker` processes."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services import deliver, runner
from secondtrack.delivery.services.kindle import set_kindle_address
from secondtrack.taskqueue import runner as tasks


@pytest.fixture
def queued(settings):
    """Tasks go to the database; no thread runs them (as with SECONDTRACK_TASKS=worker)."""
    settings.SECONDTRACK_TASKS = "worker"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _deliver(user, epub_bytes):
    return deliver(user, "kindle", "r.epub", epub_bytes, "application/epub+zip", "R")


def test_the_task_is_enqueued_only_once_the_request_commits(
    queued, alice, smtp, epub_bytes, django_capture_on_commit_callbacks
):
    set_kindle_address(alice, "alice_reads@kindle.com")
    with django_capture_on_commit_callbacks(execute=True):
        delivery = _deliver(alice, epub_bytes)
        assert DBTaskResult.objects.count() == 0  # not before the commit
    (row,) = DBTaskResult.objects.all()
    assert row.task_path == "secondtrack.delivery.tasks.run_delivery"
    assert row.args_kwargs["args"] == [str(delivery.id)]  # an id, never the file or a name
    assert Delivery.objects.get(id=delivery.id).status == "queued"
    assert smtp.messages == []
    # A worker claims it and the reader's delivery settles: one EPUB mailed.
    tasks.LeasedWorker(worker_id="test", batch=True).run()
    settled = Delivery.objects.get(id=delivery.id)
    assert (settled.status, settled.progress) == ("done", 100), settled.message
    assert len(smtp.messages) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_rolled_back_request_enqueues_nothing(
    queued, alice, smtp, epub_bytes, django_capture_on_commit_callbacks
):
    set_kindle_address(alice, "alice_reads@kindle.com")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _deliver(alice, epub_bytes)
        raise RuntimeError("the request failed after the delivery was asked for")
    assert callbacks == []
    assert DBTaskResult.objects.count() == 0
    assert Delivery.objects.count() == 0
    tasks.LeasedWorker(worker_id="test", batch=True).run()
    assert smtp.messages == []


def test_a_delivery_handed_over_before_a_crash_is_settled_without_sending_again(
    queued, alice, smtp, epub_bytes, django_capture_on_commit_callbacks, settings
):
    set_kindle_address(alice, "alice_reads@kindle.com")
    with django_capture_on_commit_callbacks(execute=True):
        delivery = _deliver(alice, epub_bytes)
    # The process died right after the mail server took the message: the claim is stale.
    Delivery.objects.filter(id=delivery.id).update(
        status="running",
        handed_over=timezone.now(),
        done_message="Sent to alice_reads@kindle.com.",
        heartbeat=timezone.now() - timedelta(seconds=settings.SECONDTRACK_TASK_LEASE_SECONDS + 1),
    )
    runner.run(delivery.id)
    settled = Delivery.objects.get(id=delivery.id)
    assert (settled.status, settled.message) == ("done", "Sent to alice_reads@kindle.com.")
    assert smtp.messages == []


def test_a_live_claim_is_not_taken_by_a_second_runner(queued, alice, epub_bytes, smtp):
    set_kindle_address(alice, "alice_reads@kindle.com")
    delivery = _deliver(alice, epub_bytes)
    assert runner.claim(delivery.id)  # the first process holds it
    assert not runner.claim(delivery.id)
    assert runner.run(delivery.id).status == "running"
    assert smtp.messages == []


def test_a_task_whose_worker_died_is_taken_again_after_the_lease(queued, settings, db):
    settings.SECONDTRACK_TASK_LEASE_SECONDS = 60
    from secondtrack.delivery.tasks import run_delivery

    run_delivery.enqueue("00000000-0000-4000-8000-000000000000")
    row = tasks.claim("died")
    assert DBTaskResult.objects.ready().count() == 0
    DBTaskResult.objects.filter(id=row.id).update(started_at=timezone.now() - timedelta(minutes=2))
    assert tasks.reap() == 1
    assert tasks.claim("second").worker_ids == ["died", "second"]


def test_a_task_that_raises_is_retried_with_back_off(queued, settings, db, monkeypatch):
    from secondtrack.delivery.tasks import run_delivery

    def broken(delivery_id):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(runner, "run", broken)
    run_delivery.enqueue("00000000-0000-4000-8000-000000000000")
    tasks.LeasedWorker(worker_id="test", batch=True).run()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"attempt": 1}
    wait = retry.run_after - timezone.now()
    assert timedelta(seconds=5) < wait <= timedelta(seconds=10)


@pytest.mark.django_db(transaction=True)
def test_the_embedded_runner_delivers_right_after_commit(alice, smtp, epub_bytes, settings):
    settings.SECONDTRACK_TASKS = "embedded"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # One thread: the test database is SQLite in memory with a shared cache, which answers
    # "table is locked" at once (no busy timeout) to a second connection writing meanwhile.
    settings.SECONDTRACK_TASK_THREADS = 1
    set_kindle_address(alice, "alice_reads@kindle.com")
    tasks.embedded.start()  # as asgi.py does in a server
    try:
        delivery = _deliver(alice, epub_bytes)
        assert delivery.status == Delivery.Status.QUEUED  # the reader lands on the page at once
        # Watch the mail server, not the database: the test database is SQLite in memory,
        # whose shared cache refuses a reader while the runner's thread writes.
        for _ in range(400):
            if smtp.messages:
                break
            time.sleep(0.05)
    finally:
        tasks.embedded.stop()  # lets the running step finish
    settled = Delivery.objects.get(id=delivery.id)
    assert (settled.status, settled.progress) == ("done", 100), settled.message
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["To"] == "alice_reads@kindle.com"
    assert smtp.messages[0]["Message-ID"] == f"<delivery-{delivery.id}@secondtrack>"


def test_a_delivery_whose_task_was_lost_is_enqueued_again_once(
    queued, settings, alice, epub_bytes, smtp
):
    set_kindle_address(alice, "alice_reads@kindle.com")
    delivery = _deliver(alice, epub_bytes)  # in the test's transaction: its task never enqueued
    assert DBTaskResult.objects.count() == 0
    assert runner.recover() == 0  # not yet: its claim is younger than the lease
    Delivery.objects.filter(id=delivery.id).update(
        heartbeat=timezone.now() - timedelta(seconds=settings.SECONDTRACK_TASK_LEASE_SECONDS + 1)
    )
    assert runner.recover() == 1
    assert runner.recover() == 0  # its task is waiting: no second one
    (row,) = DBTaskResult.objects.all()
    assert row.args_kwargs["args"] == [str(delivery.id)]
