"""API for delivery (design §5): the reader's Kindle address and their deliveries."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from secondtrack.api.errors import refusals
from secondtrack.delivery import selectors
from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services import kindle

router = Router(tags=["delivery"])


class KindleIn(Schema):
    address: str = Field(max_length=254)


class KindleOut(Schema):
    address: str | None
    configured: bool
    sender: str


class DeliveryOut(Schema):
    id: UUID
    channel: Delivery.Channel
    filename: str
    title: str
    status: Delivery.Status
    progress: int
    message: str
    created: datetime
    finished: datetime | None
    url: str
    # when the service could not be reached: the next automatic try, and how many were made
    retry_at: datetime | None = None
    auto_retries: int = 0


def delivery_out(delivery: Delivery) -> dict:
    """The API shape of a delivery; other apps' endpoints return this too."""
    return {
        "id": delivery.id,
        "channel": delivery.channel,
        "filename": delivery.filename,
        "title": delivery.title,
        "status": delivery.status,
        "progress": delivery.progress,
        "message": delivery.message,
        "created": delivery.created,
        "finished": delivery.finished,
        "url": reverse("delivery:delivery", args=[delivery.id]),
        "retry_at": delivery.retry_at,
        "auto_retries": delivery.auto_retries,
    }


def _kindle_out(address: str | None) -> dict:
    return {
        "address": address,
        "configured": kindle.is_configured(),
        "sender": kindle.approved_sender(),
    }


@router.get("/me/kindle", response={200: KindleOut, **refusals()})
def get_kindle(request: HttpRequest):
    row = selectors.kindle_address_for(request.user)
    return _kindle_out(row.address if row else None)


@router.put("/me/kindle", response={200: KindleOut, **refusals(body=True)})
def put_kindle(request: HttpRequest, payload: KindleIn):
    """Only @kindle.com and @free.kindle.com addresses; anything else is a 422 with a reason."""
    row = kindle.set_kindle_address(request.user, payload.address)
    return _kindle_out(row.address)


@router.get("/deliveries/{uuid:delivery_id}", response={200: DeliveryOut, **refusals(404)})
def get_delivery(request: HttpRequest, delivery_id: UUID):
    return delivery_out(selectors.delivery_for(request.user, delivery_id))
