"""API for notifications: the caller's own choices (GET/PUT /api/me/notifications)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict

from secondtrack.api.errors import refusals
from secondtrack.notifications import selectors, services
from secondtrack.notifications.models import Delivery

router = Router(tags=["notifications"])


class PreferencesOut(Schema):
    reminder: Delivery
    session_open: Delivery
    review: Delivery
    publication: Delivery
    balloon: Delivery
    memorandum_response: Delivery


class PreferencesIn(Schema):
    """Only the kinds given change; invitations are always sent and cannot be set."""

    model_config = ConfigDict(extra="forbid")

    reminder: Delivery | None = None
    session_open: Delivery | None = None
    review: Delivery | None = None
    publication: Delivery | None = None
    balloon: Delivery | None = None
    memorandum_response: Delivery | None = None


@router.get("/me/notifications", response={200: PreferencesOut, **refusals()})
def get_preferences(request: HttpRequest):
    return selectors.preferences_for(request.user)


@router.put("/me/notifications", response={200: PreferencesOut, **refusals(body=True)})
def put_preferences(request: HttpRequest, payload: PreferencesIn):
    chosen = {k: v for k, v in payload.dict().items() if v is not None}
    return services.set_preferences(request.user, chosen)
