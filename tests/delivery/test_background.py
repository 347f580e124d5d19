"""With SECONDTRACK_TASKS=thread (the default outside tests) a delivery runs in the
background: the reader gets the Delivery at once, and the thread settles it."""

import threading

import pytest

from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services import deliver, runner
from secondtrack.delivery.services.kindle import set_kindle_address


@pytest.mark.django_db(transaction=True)
def test_a_delivery_runs_in_the_background_and_settles(
    alice, smtp, epub_bytes, settings, monkeypatch
):
    settings.SECONDTRACK_TASKS = "thread"
    started: list[threading.Thread] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            started.append(self)
            super().start()

    monkeypatch.setattr(runner.threading, "Thread", Recorded)
    set_kindle_address(alice, "alice_reads@kindle.com")
    delivery = deliver(alice, "kindle", "r.epub", epub_bytes, "application/epub+zip", "R")
    assert delivery.status == Delivery.Status.QUEUED
    (worker,) = started
    worker.join(timeout=20)
    assert not worker.is_alive()
    settled = Delivery.objects.get(id=delivery.id)
    assert (settled.status, settled.progress) == ("done", 100), settled.message
    assert smtp.messages[0]["To"] == "alice_reads@kindle.com"
