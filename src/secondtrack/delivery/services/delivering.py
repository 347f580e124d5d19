"""The entry point for other apps: hand over a file, get a Delivery to show the reader."""

from __future__ import annotations

import re
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from secondtrack.delivery import crypto, selectors
from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.delivery.services import kindle, runner
from secondtrack.delivery.services.errors import DeliveryError

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def channel_configured(channel: str) -> bool:
    module = runner.CHANNELS.get(channel)
    return bool(module and module.is_configured())


def _safe_filename(filename: str) -> str:
    name = _UNSAFE.sub("-", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .-")
    if not name or "." not in name:
        raise DeliveryError("The file needs a name with an extension, such as report.epub.")
    return name[-200:]


def _check(channel: str, filename: str, data: bytes) -> None:
    if channel not in runner.CHANNELS:
        raise DeliveryError("Choose where to save: Kindle, Dropbox or Google Drive.")
    if not channel_configured(channel):
        label = Delivery.Channel(channel).label
        raise DeliveryError(
            f"Saving to {label} is not configured on this server. Ask the platform's operator."
        )
    if not data:
        raise DeliveryError("The file is empty, so there is nothing to save.")
    if len(data) > settings.SECONDTRACK_DELIVERY_MAX_BYTES:
        raise DeliveryError("This file is too large to be saved from here.")
    if channel == Delivery.Channel.KINDLE:
        kindle.check_file(filename, len(data))


def deliver(user, channel: str, filename: str, data: bytes, mimetype: str, title: str) -> Delivery:
    """Save `data` for `user` to `channel`; returns the Delivery with its status and message.

    Raises DeliveryError (a sentence for the reader) when the request cannot be accepted.
    Everything after that is recorded on the Delivery: failures, or what the reader must do
    (connect, reconnect, enter a Kindle address) before pressing Retry. The file is kept,
    encrypted, until the delivery succeeds.
    """
    filename = _safe_filename(filename)
    _check(channel, filename, data)
    _forget_stale_files(user)
    with transaction.atomic():
        delivery = Delivery.objects.create(
            user=user,
            channel=channel,
            filename=filename,
            title=(title or filename).strip()[:300],
            mimetype=mimetype or "application/octet-stream",
            size=len(data),
            message="Waiting to start.",
            heartbeat=timezone.now(),
        )
        PendingFile.objects.create(delivery=delivery, sealed=crypto.seal(data))
    if runner.schedule(delivery.id):  # a thread's progress would make this racy: don't read it
        delivery.refresh_from_db()
    return delivery


def deliver_rendered(
    user, channel: str, filename: str, mimetype: str, title: str, *, renderer: str, **ids
) -> Delivery:
    """Like `deliver`, but the file is made by the task: `renderer` (a dotted path) is
    called with `ids` (JSON: ids and names of formats, never content) and returns the
    bytes. The request only checks and records; rendering (a PDF takes seconds) and sending
    happen after it, with their progress on the delivery page."""
    filename = _safe_filename(filename)
    _check(channel, filename, b"-")  # the size is checked once the file exists
    _forget_stale_files(user)
    delivery = Delivery.objects.create(
        user=user,
        channel=channel,
        filename=filename,
        title=(title or filename).strip()[:300],
        mimetype=mimetype or "application/octet-stream",
        message="Waiting to start.",
        heartbeat=timezone.now(),
        source={"renderer": renderer, "ids": ids},
    )
    if runner.schedule(delivery.id):
        delivery.refresh_from_db()
    return delivery


def retry_delivery(user, delivery_id: UUID) -> Delivery:
    """Run a failed or waiting delivery again with the file that was kept."""
    delivery = selectors.delivery_for(user, delivery_id)
    if not selectors.can_retry(delivery):
        raise DeliveryError("This delivery cannot be retried: save the file again from the report.")
    delivery.status = Delivery.Status.QUEUED
    delivery.progress = 0
    delivery.message = "Waiting to start."
    delivery.finished = None
    delivery.heartbeat = timezone.now()
    delivery.handed_over = None
    delivery.auto_retries, delivery.retry_at = 0, None  # the reader's retry starts afresh
    delivery.save(
        update_fields=[
            "status",
            "progress",
            "message",
            "finished",
            "heartbeat",
            "handed_over",
            "auto_retries",
            "retry_at",
        ]  # fmt: skip
    )
    if runner.schedule(delivery.id):  # a thread's progress would make this racy: don't read it
        delivery.refresh_from_db()
    return delivery


def _forget_stale_files(user) -> None:
    """Files of deliveries abandoned for longer than the retention period are deleted."""
    cutoff = timezone.now() - timedelta(days=settings.SECONDTRACK_DELIVERY_KEEP_DAYS)
    PendingFile.objects.filter(delivery__user=user, delivery__created__lt=cutoff).delete()
