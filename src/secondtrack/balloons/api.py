"""API for trial balloons (design §5)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictInt

from secondtrack.balloons import selectors, services
from secondtrack.balloons.models import Balloon
from secondtrack.balloons.opinion import opinion_map

router = Router(tags=["balloons"])


class BalloonIn(Schema):
    text: str
    previous: str | None = None


class FloatedOut(Schema):
    id: str
    receipt: str


class StatementIn(Schema):
    text: str
    kind: str = "amendment"


class VoteIn(Schema):
    statement: str
    vote: StrictInt


class CloseIn(Schema):
    outcome: str


class IdOut(Schema):
    id: str


class StatementOut(Schema):
    id: str
    kind: str
    text: str
    your_vote: int | None


class BalloonOut(Schema):
    id: str
    title: str
    status: str
    outcome: str
    version: int
    meeting: int | None
    series: int
    previous: str | None
    floated_on: str
    statements: list[StatementOut]


def _fail(error: services.BalloonError) -> HttpError:
    return HttpError(error.status, str(error))


@router.get("/meetings/{meeting_id}/balloons", response=list[BalloonOut])
def list_balloons(request: HttpRequest, meeting_id: int):
    access = selectors.member_access(request.user, meeting_id)
    return [_balloon_out(request, b.id) for b in selectors.balloons_of(access)]


@router.get("/series/{series_id}/balloons", response=list[BalloonOut])
def list_series_balloons(request: HttpRequest, series_id: int):
    access = selectors.series_access(request.user, series_id)
    return [_balloon_out(request, b.id) for b in selectors.balloons_of(access)]


@router.post("/meetings/{meeting_id}/balloons", response={201: FloatedOut})
def float_balloon(request: HttpRequest, meeting_id: int, payload: BalloonIn):
    return _float(request, selectors.member_access(request.user, meeting_id), payload)


@router.post("/series/{series_id}/balloons", response={201: FloatedOut})
def float_series_balloon(request: HttpRequest, series_id: int, payload: BalloonIn):
    """Float across the whole series: every member of its meetings may react."""
    return _float(request, selectors.series_access(request.user, series_id), payload)


def _float(request: HttpRequest, access: selectors.Standing, payload: BalloonIn):
    previous = None
    if payload.previous:
        previous = selectors.balloon_access(request.user, payload.previous).balloon
    try:
        floated = services.float_balloon(access, payload.text, previous=previous)
    except services.BalloonError as error:
        raise _fail(error) from None
    return Status(201, {"id": str(floated.balloon.id), "receipt": floated.receipt})


def _balloon_out(request: HttpRequest, balloon_id) -> dict[str, Any]:
    access = selectors.balloon_access(request.user, balloon_id)
    b: Balloon = access.balloon
    votes = services.my_votes(access)
    return {
        "id": str(b.id),
        "title": b.title,
        "status": b.status,
        "outcome": b.outcome,
        "version": b.version,
        "meeting": b.meeting_id,
        "series": b.series_id,
        "previous": str(b.previous_id) if b.previous_id else None,
        "floated_on": b.floated_on.isoformat(),
        "statements": [
            {"id": str(s.id), "kind": s.kind, "text": s.text, "your_vote": votes.get(str(s.id))}
            for s in b.statements.all()
        ],
    }


@router.get("/balloons/{balloon_id}", response=BalloonOut)
def get_balloon(request: HttpRequest, balloon_id: str):
    return _balloon_out(request, balloon_id)


@router.post("/balloons/{balloon_id}/statements", response={201: IdOut})
def add_statement(request: HttpRequest, balloon_id: str, payload: StatementIn):
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        statement = services.add_statement(access, payload.text, payload.kind)
    except services.BalloonError as error:
        raise _fail(error) from None
    return Status(201, {"id": str(statement.id)})


@router.post("/balloons/{balloon_id}/votes", response=IdOut)
def vote(request: HttpRequest, balloon_id: str, payload: VoteIn):
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        services.react(access, payload.statement, payload.vote)
    except services.BalloonError as error:
        raise _fail(error) from None
    return {"id": payload.statement}


@router.get("/balloons/{balloon_id}/opinion")
def get_opinion(request: HttpRequest, balloon_id: str) -> dict[str, Any]:
    """Groups, consensus and cross-line consensus, each with its evidence; aggregates only."""
    access = selectors.balloon_access(request.user, balloon_id)
    b = access.balloon
    if b.status == Balloon.Status.CLOSED and b.final_map is not None:
        return b.final_map
    return opinion_map(b).public()


@router.post("/balloons/{balloon_id}/close", response=IdOut)
def close(request: HttpRequest, balloon_id: str, payload: CloseIn):
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        services.close_balloon(access, payload.outcome)
    except services.BalloonError as error:
        raise _fail(error) from None
    return {"id": balloon_id}
