"""API for the record (design §5): post, list, edit, withdraw, close."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import DetailOut, FindingOut
from secondtrack.record import selectors, services
from secondtrack.record.models import Contribution
from secondtrack.record.storage import read_text

router = Router(tags=["record"])


class ContributionIn(Schema):
    text: str
    reply_to: str | None = Field(None, max_length=64)
    kind: Literal["contribution", "note"] = "contribution"
    attribute_to_me: bool = False


class PostedOut(Schema):
    id: UUID
    capability: str | None = None
    findings: list[FindingOut] = []


class EditIn(Schema):
    text: str
    capability: str | None = None


class WithdrawIn(Schema):
    capability: str | None = None


class CloseIn(Schema):
    confirm: bool = False
    agreed_note: str = ""


class ContributionOut(Schema):
    id: UUID
    text: str
    reply_to: UUID | None
    kind: Contribution.Kind
    speaker: str | None
    time: datetime | None
    time_precision: Literal["minute", "session"]
    edited: bool
    withdrawn: bool
    yours: bool


@router.post(
    "/sessions/{id:session_id}/contributions",
    response={201: PostedOut, **refusals(403, 404, 409, body=True)},
)
def post_contribution(request: HttpRequest, session_id: int, payload: ContributionIn):
    access = selectors.session_access(request.user, session_id)
    posted = services.post(
        access,
        payload.text,
        reply_to=payload.reply_to,
        kind=payload.kind,
        attribute_to_me=payload.attribute_to_me,
    )
    return Status(
        201,
        {
            "id": posted.contribution.id,
            "capability": posted.capability,
            "findings": [f.to_dict() for f in posted.findings],
        },
    )


@router.get(
    "/sessions/{id:session_id}/contributions",
    response={200: list[ContributionOut], **refusals(403, 404)},
)
def list_contributions(request: HttpRequest, session_id: int):
    """Non-attributed contributions come in an order unrelated to posting order, dated
    only by their session."""
    access = selectors.session_access(request.user, session_id)
    rows = selectors.session_record(access)
    own = services.mine(access, rows)
    session = access.session
    out = []
    for c in rows:
        out.append(
            {
                "id": c.id,
                "text": read_text(c, session),
                "reply_to": c.reply_to_id,
                "kind": c.kind,
                "speaker": c.speaker.name if c.speaker else None,
                "time": c.posted or session.starts,
                "time_precision": "minute" if c.posted else "session",
                "edited": c.edited,
                "withdrawn": c.withdrawn,
                "yours": str(c.id) in own,
            }
        )
    return out


@router.put(
    "/sessions/{id:session_id}/contributions/{uuid:contribution_id}",
    response={200: PostedOut, **refusals(403, 404, 409, body=True)},
)
def edit_contribution(
    request: HttpRequest, session_id: int, contribution_id: UUID, payload: EditIn
):
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    found = services.edit(access, c, payload.text, payload.capability)
    return {"id": c.id, "findings": [f.to_dict() for f in found]}


@router.post(
    "/sessions/{id:session_id}/contributions/{uuid:contribution_id}/withdraw",
    response={200: PostedOut, **refusals(403, 404, 409, body=True)},
)
def withdraw_contribution(
    request: HttpRequest, session_id: int, contribution_id: UUID, payload: WithdrawIn
):
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    services.withdraw(access, c, payload.capability)
    return {"id": c.id}


@router.post(
    "/sessions/{id:session_id}/close",
    response={200: DetailOut, **refusals(403, 404, 409, body=True)},
)
@require_recent_auth("close this session")
def close_session(request: HttpRequest, session_id: int, payload: CloseIn | None = None):
    access = selectors.session_access(request.user, session_id)
    payload = payload or CloseIn()
    if not payload.confirm:
        raise ApiError(422, 'Closing is irreversible: send {"confirm": true} to close.')
    services.close(access, payload.agreed_note)
    return {"detail": "The session is closed; its record is read-only."}
