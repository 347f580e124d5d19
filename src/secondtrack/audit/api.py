from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from secondtrack.api.errors import refusals
from secondtrack.audit import selectors

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    at: datetime
    actor: str
    action: str
    description: str
    target_type: str
    target_id: str
    detail: str


@router.get(
    "/series/{id:series_id}/audit",
    response={200: list[AuditEntryOut], **refusals(403, 404)},
)
def series_audit(request: HttpRequest, series_id: int, limit: int = 200):
    """What the series' convenors and admins did, newest first (at most 1000): never what
    anyone said or voted. For the series' convenors and platform admins."""
    series = selectors.audited_series(request.user, series_id)
    return [
        {
            "at": e.at,
            "actor": selectors.actor_label(e),
            "action": e.action,
            "description": e.get_action_display(),
            "target_type": e.target_type,
            "target_id": e.target_id,
            "detail": e.detail,
        }
        for e in selectors.entries_for(series, limit)
    ]
