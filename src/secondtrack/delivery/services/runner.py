"""Runs a delivery step by step, recording status, progress and a sentence for the reader.

`schedule` hands a delivery id to the task queue (delivery/tasks.py) once the transaction
commits, so the reader lands at once on the delivery page and watches its progress; with
SECONDTRACK_TASKS=inline (tests) it runs in the calling request.

Exactly once, across crashes: `run` first claims the delivery (queued, or running with a
heartbeat older than the lease: its process died), renews the claim with each progress
step, fixes a Message-ID before the first send and records `handed_over` as soon as the
channel accepted the file. A run that finds `handed_over` set only settles the delivery.
What remains: a process killed after the mail server accepted the message but before
`handed_over` was written (a few milliseconds) sends it again, with the same Message-ID.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from secondtrack.delivery import crypto
from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.delivery.services import dropbox, gdrive, kindle
from secondtrack.delivery.services.errors import DeliveryFailed, NeedsReconnect, Unreachable

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]

CHANNELS = {
    Delivery.Channel.KINDLE: kindle,
    Delivery.Channel.DROPBOX: dropbox,
    Delivery.Channel.GDRIVE: gdrive,
}

# When the service could not be reached, the runner tries again by itself after these waits
# (minutes), then leaves the delivery failed for the reader's Retry.
AUTO_RETRY_MINUTES = (1, 5, 20)

UNEXPECTED = (
    "Something went wrong on our side while saving this file. Nothing is lost: press Retry, "
    "and tell the organisers if it happens again."
)


def schedule(delivery_id: UUID) -> bool:
    """Hand the delivery to the task queue once the caller's transaction commits, or run it
    now (inline). True if it ran now, so the caller's copy is stale."""
    if settings.SECONDTRACK_TASKS == "inline":
        run(delivery_id)
        return True
    from secondtrack import taskqueue
    from secondtrack.delivery.tasks import run_delivery

    taskqueue.defer(run_delivery, str(delivery_id))
    return False


def _lease() -> timedelta:
    return timedelta(seconds=settings.SECONDTRACK_TASK_LEASE_SECONDS)


def claim(delivery_id: UUID) -> bool:
    """Take the delivery for this process: waiting (and due), or running under an expired
    claim."""
    now = timezone.now()
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=now)  # an automatic try waits its turn
    claimable = Q(due, status=Delivery.Status.QUEUED) | Q(
        status=Delivery.Status.RUNNING, heartbeat__lt=now - _lease()
    )
    taken = Delivery.objects.filter(claimable, id=delivery_id).update(
        status=Delivery.Status.RUNNING, heartbeat=now
    )
    return taken == 1


def recover() -> int:
    """Enqueue again the deliveries left waiting or claimed by a dead process whose task is
    gone (a crash between the commit and the enqueue, or attempts used up)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from secondtrack import taskqueue
    from secondtrack.delivery.tasks import run_delivery

    stale = timezone.now() - _lease()
    lost = Delivery.objects.filter(
        Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.RUNNING], heartbeat__lt=stale)
        | Q(status=Delivery.Status.QUEUED, heartbeat__isnull=True, created__lt=stale)
    ).values_list("id", flat=True)[:100]
    found = 0
    for delivery_id in lost:
        pending = DBTaskResult.objects.filter(
            task_path=run_delivery.module_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            args_kwargs__args__0=str(delivery_id),
        )
        if not pending.exists():
            taskqueue.enqueue(run_delivery, str(delivery_id))
            found += 1
    return found


def _recorder(delivery: Delivery) -> Progress:
    def record(progress: int, message: str) -> None:
        delivery.status = Delivery.Status.RUNNING
        delivery.progress = max(0, min(progress, 99))
        delivery.message = message
        delivery.heartbeat = timezone.now()
        delivery.save(update_fields=["status", "progress", "message", "heartbeat"])

    return record


def _settle(delivery: Delivery, status: str, message: str) -> None:
    delivery.status = status
    delivery.message = message
    delivery.finished = timezone.now()
    delivery.retry_at = None
    if status == Delivery.Status.DONE:
        delivery.progress = 100
    delivery.save(update_fields=["status", "progress", "message", "finished", "retry_at"])
    logger.info("delivery %s via %s: %s", delivery.id, delivery.channel, status)


def run(delivery_id: UUID) -> Delivery:
    if not claim(delivery_id):  # settled, or another process holds a live claim
        return Delivery.objects.get(id=delivery_id)
    delivery = Delivery.objects.select_related("user").get(id=delivery_id)
    if delivery.handed_over:  # sent before a crash: do not send it twice
        PendingFile.objects.filter(delivery=delivery).delete()
        _settle(delivery, Delivery.Status.DONE, delivery.done_message or "Sent.")
        return delivery
    if not delivery.message_id:
        delivery.message_id = f"<delivery-{delivery.id}@secondtrack>"
        delivery.save(update_fields=["message_id"])
    progress = _recorder(delivery)
    progress(5, "Preparing the file.")
    try:
        channel = CHANNELS[delivery.channel]
        if not channel.is_configured():
            raise DeliveryFailed(
                f"Saving to {delivery.get_channel_display()} is not configured on this server. "
                "Ask the platform's operator."
            )
        data = _pending_data(delivery, progress)
        done = channel.send(delivery, data, progress)
        delivery.handed_over = timezone.now()
        delivery.done_message = done
        delivery.save(update_fields=["handed_over", "done_message"])
    except NeedsReconnect as reason:
        _settle(delivery, Delivery.Status.NEEDS_RECONNECT, str(reason))
    except Unreachable as reason:
        _retry_later(delivery, reason)
    except DeliveryFailed as reason:
        _settle(delivery, Delivery.Status.FAILED, str(reason))
    except Exception as error:  # noqa: BLE001 - the reader gets a sentence, never a 500
        logger.error("delivery %s failed unexpectedly: %s", delivery.id, type(error).__name__)
        _settle(delivery, Delivery.Status.FAILED, UNEXPECTED)
    else:
        PendingFile.objects.filter(delivery=delivery).delete()
        _settle(delivery, Delivery.Status.DONE, done)
    return delivery


def _retry_later(delivery: Delivery, reason: Unreachable) -> None:
    """Wait and try again by itself (the file is kept), or, once the tries are used up or
    nothing would run them (inline), leave it failed with the sentence for the reader."""
    tries = delivery.auto_retries
    if tries >= len(AUTO_RETRY_MINUTES) or settings.SECONDTRACK_TASKS == "inline":
        retried = f" It was tried {tries + 1} times." if tries else ""
        _settle(delivery, Delivery.Status.FAILED, f"{reason}{retried}")
        return
    from secondtrack import taskqueue
    from secondtrack.delivery.tasks import run_delivery

    wait = timedelta(minutes=AUTO_RETRY_MINUTES[tries])
    delivery.status = Delivery.Status.QUEUED
    delivery.auto_retries = tries + 1
    delivery.retry_at = timezone.now() + wait
    delivery.heartbeat = delivery.retry_at  # `recover` leaves it to its task until then
    minutes = AUTO_RETRY_MINUTES[tries]
    delivery.message = (
        f"{reason.service} could not be reached. Nothing is lost: it is tried again by itself "
        f"in {minutes} minute{'s' if minutes > 1 else ''} "
        f"(try {tries + 2} of {len(AUTO_RETRY_MINUTES) + 1}), or press Retry now."
    )
    delivery.save(update_fields=["status", "auto_retries", "retry_at", "heartbeat", "message"])
    taskqueue.enqueue(run_delivery, str(delivery.id), delay=wait)
    logger.info("delivery %s via %s: unreachable, tried again later", delivery.id, delivery.channel)


def _render(delivery: Delivery, progress: Progress) -> bytes:
    """Make the file of a delivery asked for with `deliver_rendered`, and keep it (sealed)
    for a retry."""
    from django.utils.module_loading import import_string

    progress(10, "Preparing the file (a PDF takes a few seconds).")
    data = import_string(delivery.source["renderer"])(**delivery.source["ids"])
    if len(data) > settings.SECONDTRACK_DELIVERY_MAX_BYTES:
        raise DeliveryFailed("This file is too large to be saved from here.")
    if delivery.channel == Delivery.Channel.KINDLE and len(data) > kindle.MAX_BYTES:
        raise DeliveryFailed("This file is larger than Kindle accepts by e-mail (50 MB).")
    Delivery.objects.filter(id=delivery.id).update(size=len(data))
    PendingFile.objects.update_or_create(delivery=delivery, defaults={"sealed": crypto.seal(data)})
    return data


def _pending_data(delivery: Delivery, progress: Progress) -> bytes:
    pending = PendingFile.objects.filter(delivery=delivery).first()
    if pending is None and delivery.source:
        return _render(delivery, progress)
    if pending is None:
        raise DeliveryFailed("The file is no longer kept here. Save it again from the report.")
    try:
        return crypto.unseal(pending.sealed)
    except crypto.CannotUnseal:
        raise DeliveryFailed("The kept file can no longer be read. Save it again from the report.")
