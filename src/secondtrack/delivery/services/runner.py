"""Runs a delivery step by step, recording status, progress and a sentence for the reader.

A task takes a delivery id and calls `run`. With `SECONDTRACK_TASKS=thread` (the default)
`schedule` starts it in a background thread of the server once the transaction commits, so
the reader lands at once on the delivery page and watches its progress; with `inline`
(tests, or an operator who wants no threads) it runs in the calling request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from uuid import UUID

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from secondtrack.delivery import crypto
from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.delivery.services import dropbox, gdrive, kindle
from secondtrack.delivery.services.errors import DeliveryFailed, NeedsReconnect

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]

CHANNELS = {
    Delivery.Channel.KINDLE: kindle,
    Delivery.Channel.DROPBOX: dropbox,
    Delivery.Channel.GDRIVE: gdrive,
}

UNEXPECTED = (
    "Something went wrong on our side while saving this file. Nothing is lost: press Retry, "
    "and tell the organisers if it happens again."
)


def schedule(delivery_id: UUID) -> bool:
    """Hand the delivery to the task runner: a background thread, or now. True if it ran
    now, so the caller's copy is stale; False if a thread will settle it later."""
    if settings.SECONDTRACK_TASKS == "inline":
        run(delivery_id)
        return True
    transaction.on_commit(
        lambda: threading.Thread(target=_run_in_thread, args=(delivery_id,), daemon=True).start()
    )
    return False


def _run_in_thread(delivery_id: UUID) -> None:
    try:
        run(delivery_id)
    finally:
        connections.close_all()


def _recorder(delivery: Delivery) -> Progress:
    def record(progress: int, message: str) -> None:
        delivery.status = Delivery.Status.RUNNING
        delivery.progress = max(0, min(progress, 99))
        delivery.message = message
        delivery.save(update_fields=["status", "progress", "message"])

    return record


def _settle(delivery: Delivery, status: str, message: str) -> None:
    delivery.status = status
    delivery.message = message
    delivery.finished = timezone.now()
    if status == Delivery.Status.DONE:
        delivery.progress = 100
    delivery.save(update_fields=["status", "progress", "message", "finished"])
    logger.info("delivery %s via %s: %s", delivery.id, delivery.channel, status)


def run(delivery_id: UUID) -> Delivery:
    delivery = Delivery.objects.select_related("user").get(id=delivery_id)
    if delivery.status != Delivery.Status.QUEUED:
        return delivery
    progress = _recorder(delivery)
    progress(5, "Preparing the file.")
    try:
        channel = CHANNELS[delivery.channel]
        if not channel.is_configured():
            raise DeliveryFailed(
                f"Saving to {delivery.get_channel_display()} is not configured on this server. "
                "Ask the platform's operator."
            )
        data = _pending_data(delivery)
        done = channel.send(delivery, data, progress)
    except NeedsReconnect as reason:
        _settle(delivery, Delivery.Status.NEEDS_RECONNECT, str(reason))
    except DeliveryFailed as reason:
        _settle(delivery, Delivery.Status.FAILED, str(reason))
    except Exception as error:  # noqa: BLE001 - the reader gets a sentence, never a 500
        logger.error("delivery %s failed unexpectedly: %s", delivery.id, type(error).__name__)
        _settle(delivery, Delivery.Status.FAILED, UNEXPECTED)
    else:
        PendingFile.objects.filter(delivery=delivery).delete()
        _settle(delivery, Delivery.Status.DONE, done)
    return delivery


def _pending_data(delivery: Delivery) -> bytes:
    pending = PendingFile.objects.filter(delivery=delivery).first()
    if pending is None:
        raise DeliveryFailed("The file is no longer kept here. Save it again from the report.")
    try:
        return crypto.unseal(pending.sealed)
    except crypto.CannotUnseal:
        raise DeliveryFailed("The kept file can no longer be read. Save it again from the report.")
