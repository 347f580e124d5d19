"""API for the record (design §5): post, list, edit, withdraw, close."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from secondtrack.record import selectors, services
from secondtrack.record.storage import read_text

router = Router(tags=["record"])


class ContributionIn(Schema):
    text: str
    reply_to: str | None = None
    kind: str = "contribution"
    attribute_to_me: bool = False


class FindingOut(Schema):
    start: int
    end: int
    category: str
    severity: str
    replacement: str
    explanation: str


class PostedOut(Schema):
    id: str
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
    id: str
    text: str
    reply_to: str | None
    kind: str
    speaker: str | None
    time: datetime | None
    time_precision: str
    edited: bool
    withdrawn: bool
    yours: bool


class Detail(Schema):
    detail: str


def _fail(error: services.RecordError) -> HttpError:
    return HttpError(error.status, str(error))


@router.post("/sessions/{session_id}/contributions", response={201: PostedOut})
def post_contribution(request: HttpRequest, session_id: int, payload: ContributionIn):
    access = selectors.session_access(request.user, session_id)
    try:
        posted = services.post(
            access,
            payload.text,
            reply_to=payload.reply_to,
            kind=payload.kind,
            attribute_to_me=payload.attribute_to_me,
        )
    except services.RecordError as error:
        raise _fail(error) from None
    return Status(
        201,
        {
            "id": str(posted.contribution.id),
            "capability": posted.capability,
            "findings": [f.to_dict() for f in posted.findings],
        },
    )


@router.get("/sessions/{session_id}/contributions", response=list[ContributionOut])
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
                "id": str(c.id),
                "text": read_text(c, session),
                "reply_to": str(c.reply_to_id) if c.reply_to_id else None,
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


@router.put("/sessions/{session_id}/contributions/{contribution_id}", response=PostedOut)
def edit_contribution(request: HttpRequest, session_id: int, contribution_id: str, payload: EditIn):
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    try:
        found = services.edit(access, c, payload.text, payload.capability)
    except services.RecordError as error:
        raise _fail(error) from None
    return {"id": str(c.id), "findings": [f.to_dict() for f in found]}


@router.post("/sessions/{session_id}/contributions/{contribution_id}/withdraw", response=PostedOut)
def withdraw_contribution(
    request: HttpRequest, session_id: int, contribution_id: str, payload: WithdrawIn
):
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    try:
        services.withdraw(access, c, payload.capability)
    except services.RecordError as error:
        raise _fail(error) from None
    return {"id": str(c.id)}


@router.post("/sessions/{session_id}/close", response=Detail)
def close_session(request: HttpRequest, session_id: int, payload: CloseIn | None = None):
    access = selectors.session_access(request.user, session_id)
    payload = payload or CloseIn()
    if not payload.confirm:
        raise HttpError(422, 'Closing is irreversible: send {"confirm": true} to close.')
    try:
        services.close(access, payload.agreed_note)
    except services.RecordError as error:
        raise _fail(error) from None
    return {"detail": "The session is closed; its record is read-only."}
