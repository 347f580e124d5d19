"""With SECONDTRACK_TASKS=thread (the default outside tests) a delivery runs in the
background: the reader gets the Delivery at once and its progress is recorded as it goes."""

import time

import pytest

from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services import deliver
from secondtrack.delivery.services.kindle import set_kindle_address


@pytest.mark.django_db(transaction=True)
def test_a_delivery_runs_in_the_background_and_settles(alice, smtp, epub_bytes, settings):
    settings.SECONDTRACK_TASKS = "thread"
    set_kindle_address(alice, "alice_reads@kindle.com")
    delivery = deliver(alice, "kindle", "r.epub", epub_bytes, "application/epub+zip", "R")
    assert delivery.status == Delivery.Status.QUEUED
    deadline = time.monotonic() + 10
    while Delivery.objects.get(id=delivery.id).status not in ("done", "failed"):
        assert time.monotonic() < deadline, "the background delivery did not settle"
        time.sleep(0.05)
    assert Delivery.objects.get(id=delivery.id).status == "done"
    assert smtp.messages[0]["To"] == "alice_reads@kindle.com"
