"""Reads that enforce ownership: a reader sees only their own deliveries and connections."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from secondtrack.delivery.models import Connection, Delivery, KindleAddress, PendingFile


def deliveries_for(user):
    return Delivery.objects.filter(user=user)


def delivery_for(user, delivery_id: UUID) -> Delivery:
    """The reader's own delivery, or 404: another reader's is indistinguishable from none."""
    return get_object_or_404(deliveries_for(user), id=delivery_id)


def connections_for(user):
    return Connection.objects.filter(user=user)


def connection_for(user, provider: str) -> Connection | None:
    return connections_for(user).filter(provider=provider).first()


def kindle_address_for(user) -> KindleAddress | None:
    return KindleAddress.objects.filter(user=user).first()


def can_retry(delivery: Delivery) -> bool:
    """Failed, waiting for the reader, or waiting for its next automatic try."""
    waiting = delivery.status == Delivery.Status.QUEUED and delivery.retry_at is not None
    return (
        waiting or delivery.status in {Delivery.Status.FAILED, Delivery.Status.NEEDS_RECONNECT}
    ) and PendingFile.objects.filter(delivery=delivery).exists()
