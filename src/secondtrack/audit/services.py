"""`record`: the one way to write the audit log, after the caller's transaction commits.

    from secondtrack.audit.services import record
    record(request.user, "merged", series=None, target=kept_person, detail="2 entries merged")

The entry is written once the surrounding transaction commits (nothing is logged for work
that rolled back) and a failure to write it never undoes the work. `detail` is a short
description of the act: never content (contributions, statements, votes, report text),
and never a participant paired with it; it is cut to 200 characters.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

from django.db import models, transaction
from django.http import HttpRequest

from secondtrack.audit.models import Action, AuditEntry

log = logging.getLogger(__name__)
_request: ContextVar[HttpRequest | None] = ContextVar("secondtrack_audit_request", default=None)


def current_actor():
    """The signed-in caller of the request being served (page or API token), for services
    that are not handed their actor; None outside a request (the timetable, the CLI)."""
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


class ActorMiddleware:
    """Makes the request's caller available to `current_actor` while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def record(
    actor,
    action: str,
    *,
    series=None,
    target: models.Model | None = None,
    detail: str = "",
) -> None:
    action = Action(action)  # an unknown action is a programming error: fail loudly
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    series_id = getattr(series, "pk", series)
    values = {
        "actor_id": actor_id,
        "action": action.value,
        "series_id": series_id,
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None else "",
        "detail": " ".join(str(detail).split())[:200],
    }

    def write() -> None:
        try:
            AuditEntry.objects.create(**values)
        except Exception:  # the act is done; a lost entry is logged, not raised
            log.exception("audit: could not record %s", values["action"])

    transaction.on_commit(write)
