"""API for trial balloons (design §5)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field, StrictInt

from secondtrack.access.standing import require
from secondtrack.api.errors import refusals
from secondtrack.balloons import export, selectors, services
from secondtrack.balloons.models import Balloon, Statement
from secondtrack.balloons.opinion import opinion_map
from secondtrack.core.policy import Can

router = Router(tags=["balloons"])


class BalloonIn(Schema):
    text: str
    previous: UUID | None = None


class FloatedOut(Schema):
    id: UUID
    receipt: str


class StatementIn(Schema):
    text: str
    kind: Literal["amendment", "condition", "objection"] = "amendment"


Vote = Literal[1, -1, 0]


class VoteIn(Schema):
    statement: UUID
    vote: StrictInt = Field(json_schema_extra={"enum": [1, -1, 0]})


class CloseIn(Schema):
    outcome: Balloon.Outcome


class IdOut(Schema):
    id: UUID


class StatementOut(Schema):
    id: UUID
    kind: Statement.Kind
    text: str
    your_vote: Vote | None
    endorsers: list[str] = Field(default_factory=list, description="named endorsers (opt-in)")
    endorsed_by_you: bool = False


class EndorsementOut(Schema):
    statement: UUID
    endorsed: bool
    endorsers: list[str]


class BalloonOut(Schema):
    id: UUID
    title: str
    status: Balloon.Status
    outcome: Balloon.Outcome | Literal[""]
    version: int
    meeting: int | None
    series: int
    previous: UUID | None
    floated_on: str
    statements: list[StatementOut]


class ReceiptIn(Schema):
    receipt: str = Field(max_length=200)


class ReceiptOut(Schema):
    matches: bool
    detail: str


class GroupOut(Schema):
    group: int
    size: int
    representative: list[dict[str, Any]]
    stability: float | None = None


class PointOut(Schema):
    x: float
    y: float
    group: int | None


class OpinionOut(Schema):
    """Aggregates only: groups, consensus and cross-line consensus, with their evidence."""

    groups: list[GroupOut]
    consensus: list[dict[str, Any]]
    cross_line: list[dict[str, Any]]
    support: dict[str, Any]
    points: list[PointOut]
    stability: dict[str, Any] | None = None
    evidence: dict[str, Any]
    # a large room's map is recomputed in the background: true while this one is behind
    updating: bool = False
    computed_at: datetime | None = None


@router.get(
    "/meetings/{id:meeting_id}/balloons", response={200: list[BalloonOut], **refusals(403, 404)}
)
def list_balloons(request: HttpRequest, meeting_id: int):
    access = selectors.member_access(request.user, meeting_id)
    return [_balloon_out(request, b.id) for b in selectors.balloons_of(access)]


@router.get(
    "/series/{id:series_id}/balloons", response={200: list[BalloonOut], **refusals(403, 404)}
)
def list_series_balloons(request: HttpRequest, series_id: int):
    access = selectors.series_access(request.user, series_id)
    return [_balloon_out(request, b.id) for b in selectors.balloons_of(access)]


@router.post(
    "/meetings/{id:meeting_id}/balloons",
    response={201: FloatedOut, **refusals(403, 404, body=True)},
)
def float_balloon(request: HttpRequest, meeting_id: int, payload: BalloonIn):
    return _float(request, selectors.member_access(request.user, meeting_id), payload)


@router.post(
    "/series/{id:series_id}/balloons",
    response={201: FloatedOut, **refusals(403, 404, body=True)},
)
def float_series_balloon(request: HttpRequest, series_id: int, payload: BalloonIn):
    """Float across the whole series: every member of its meetings may react."""
    return _float(request, selectors.series_access(request.user, series_id), payload)


def _float(request: HttpRequest, access: selectors.Standing, payload: BalloonIn):
    previous = None
    if payload.previous:
        previous = selectors.balloon_access(request.user, payload.previous).balloon
    floated = services.float_balloon(access, payload.text, previous=previous)
    return Status(201, {"id": floated.balloon.id, "receipt": floated.receipt})


def _balloon_out(request: HttpRequest, balloon_id) -> dict[str, Any]:
    access = selectors.balloon_access(request.user, balloon_id)
    b: Balloon = access.balloon
    votes = services.my_votes(access)
    mine = services.my_endorsements(access)
    return {
        "id": b.id,
        "title": b.title,
        "status": b.status,
        "outcome": b.outcome,
        "version": b.version,
        "meeting": b.meeting_id,
        "series": b.series_id,
        "previous": b.previous_id,
        "floated_on": b.floated_on.isoformat(),
        "statements": [
            {
                "id": s.id,
                "kind": s.kind,
                "text": s.text,
                "your_vote": votes.get(str(s.id)),
                "endorsers": selectors.named_endorsers(s),
                "endorsed_by_you": str(s.id) in mine,
            }
            for s in b.statements.all()
        ],
    }


@router.get("/balloons/{uuid:balloon_id}", response={200: BalloonOut, **refusals(404)})
def get_balloon(request: HttpRequest, balloon_id: UUID):
    return _balloon_out(request, balloon_id)


@router.post(
    "/balloons/{uuid:balloon_id}/statements",
    response={201: IdOut, **refusals(403, 404, 409, body=True)},
)
def add_statement(request: HttpRequest, balloon_id: UUID, payload: StatementIn):
    access = selectors.balloon_access(request.user, balloon_id)
    statement = services.add_statement(access, payload.text, payload.kind)
    return Status(201, {"id": statement.id})


@router.post(
    "/balloons/{uuid:balloon_id}/votes", response={200: IdOut, **refusals(403, 404, 409, body=True)}
)
def vote(request: HttpRequest, balloon_id: UUID, payload: VoteIn):
    access = selectors.balloon_access(request.user, balloon_id)
    services.react(access, payload.statement, payload.vote)
    return {"id": payload.statement}


@router.post(
    "/balloons/{uuid:balloon_id}/receipt", response={200: ReceiptOut, **refusals(404, body=True)}
)
def check_receipt(request: HttpRequest, balloon_id: UUID, payload: ReceiptIn):
    """Whether a receipt is the one given to whoever floated this balloon."""
    access = selectors.balloon_access(request.user, balloon_id)
    if services.verify_receipt(access.balloon, payload.receipt):
        return {"matches": True, "detail": "This receipt matches: its holder floated this balloon."}
    return {"matches": False, "detail": "This receipt does not match this balloon."}


@router.get("/balloons/{uuid:balloon_id}/opinion", response={200: OpinionOut, **refusals(404)})
def get_opinion(request: HttpRequest, balloon_id: UUID, all: bool = False):  # noqa: A002
    """Groups (each with its bootstrap stability), consensus and cross-line consensus, each
    with its evidence and survival under resampling; aggregates only. Consensus and
    cross-line are the top five per direction unless ``all=true``."""
    access = selectors.balloon_access(request.user, balloon_id)
    b = access.balloon
    if b.status == Balloon.Status.CLOSED and b.final_map is not None:
        final = b.final_map
        return final if all or "top" not in final else {**final, **final["top"]}
    return opinion_map(b).public(all_items=all)


@router.post(
    "/balloons/{uuid:balloon_id}/close",
    response={200: IdOut, **refusals(403, 404, 409, body=True)},
)
def close(request: HttpRequest, balloon_id: UUID, payload: CloseIn):
    access = selectors.balloon_access(request.user, balloon_id)
    services.close_balloon(access, payload.outcome)
    return {"id": balloon_id}


@router.post(
    "/balloons/{uuid:balloon_id}/statements/{uuid:statement_id}/endorsement",
    response={201: EndorsementOut, **refusals(403, 404, 409)},
)
def endorse(request: HttpRequest, balloon_id: UUID, statement_id: UUID):
    """Endorse a statement that reached consensus, by name (opt-in; design §5). Your name
    is listed with it and may go into a memorandum; who floated or amended is never said."""
    access = selectors.balloon_access(request.user, balloon_id)
    endorsement = services.endorse(access, statement_id)
    names = selectors.named_endorsers(endorsement.statement)
    return Status(201, {"statement": statement_id, "endorsed": True, "endorsers": names})


@router.delete(
    "/balloons/{uuid:balloon_id}/statements/{uuid:statement_id}/endorsement",
    response={200: EndorsementOut, **refusals(403, 404, 409)},
)
def withdraw_endorsement(request: HttpRequest, balloon_id: UUID, statement_id: UUID):
    """Withdraw your endorsement; refused (409) once a memorandum with the balloon is sent."""
    access = selectors.balloon_access(request.user, balloon_id)
    services.withdraw_endorsement(access, statement_id)
    statement = Statement.objects.get(id=statement_id)
    names = selectors.named_endorsers(statement)
    return {"statement": statement_id, "endorsed": False, "endorsers": names}


_CSV = {"200": {"description": "CSV (Polis export format)", "content": {"text/csv": {}}}}


def _csv(body: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/balloons/{uuid:balloon_id}/export/votes.csv",
    response=refusals(403, 404),
    openapi_extra={"responses": _CSV},
)
def export_votes(request: HttpRequest, balloon_id: UUID):
    """The reactions as a Polis ``votes.csv`` (pseudonyms renumbered at random); convenors."""
    access = selectors.balloon_access(request.user, balloon_id)
    require(access.standing.grants, Can.CONVENE, "balloon")
    return _csv(export.votes_csv(access.balloon), "votes.csv")


@router.get(
    "/balloons/{uuid:balloon_id}/export/comments.csv",
    response=refusals(403, 404),
    openapi_extra={"responses": _CSV},
)
def export_comments(request: HttpRequest, balloon_id: UUID):
    """The statements as a Polis ``comments.csv`` (no author: none is stored); convenors."""
    access = selectors.balloon_access(request.user, balloon_id)
    require(access.standing.grants, Can.CONVENE, "balloon")
    return _csv(export.comments_csv(access.balloon), "comments.csv")
