"""API for Track One uptake: bodies, memoranda, transmissions, responses, the funnel, and
each proposal's lineage."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import CreatedOut
from secondtrack.balloons.models import Balloon
from secondtrack.balloons.selectors import balloon_access
from secondtrack.core import uptake
from secondtrack.core.policy import K_DEFAULT
from secondtrack.reports.models import Report
from secondtrack.trackone import selectors, services
from secondtrack.trackone.models import Body, Proposal, Response, Transmission
from secondtrack.trackone.uptake import chain_for_balloon, uptake_for

router = Router(tags=["track one"])


class BodyIn(Schema):
    name: str = Field(max_length=300)
    kind: Body.Kind


class ContactIn(Schema):
    name: str = Field(max_length=300)
    email: str = Field(max_length=254)
    role: str = Field("", max_length=300)


class ProposalIn(Schema):
    balloon: UUID


class TransmitIn(Schema):
    body: int = Field(ge=1, le=10**18)


class ResponseIn(Schema):
    proposal: int = Field(ge=1, le=10**18)
    status: Response.Status
    on: date | None = None
    note: str = ""
    document_url: str = Field("", max_length=500)


class FunnelOut(Schema):
    """Counts under k are coarsened for whoever cannot read the proposals: value null."""

    series: int
    floated: int | None
    consensus: int | None
    transmitted: int | None
    taken_up: int | None
    labels: dict[str, str]
    suppressed_below: int


class ContactOut(Schema):
    name: str
    email: str
    role: str


class BodyOut(Schema):
    id: int
    name: str
    kind: Body.Kind
    contacts: list[ContactOut]


class ProposalOut(Schema):
    id: int
    text: str
    balloon: UUID


class ResponseOut(Schema):
    proposal: int
    status: Response.Status
    on: date | None
    note: str
    document_url: str


class TransmissionOut(Schema):
    id: UUID
    body: str
    sent_on: date
    revoked: bool
    responses: list[ResponseOut]


class MemorandumOut(Schema):
    id: UUID
    title: str
    proposals: list[ProposalOut]
    transmissions: list[TransmissionOut]


class TransmittedOut(Schema):
    id: UUID
    link: str
    expires: datetime


class RevokedOut(Schema):
    id: UUID
    revoked: bool


class EventOut(Schema):
    on: date | None
    stage: str
    text: str
    link: str


class LineageOut(Schema):
    balloon: UUID
    events: list[EventOut]


@router.get("/series/{id:series_id}/funnel", response={200: FunnelOut, **refusals(404)})
def funnel(request: HttpRequest, series_id: int):
    """Proposals floated, reaching consensus, transmitted, taken up."""
    series = selectors.watched_series(request.user, series_id)
    seen = uptake_for(request.user, series)
    floated, consensus, transmitted, taken_up = (shown for _, shown in seen.stages)
    return {
        "series": series.id,
        "floated": floated.value,
        "consensus": consensus.value,
        "transmitted": transmitted.value,
        "taken_up": taken_up.value,
        "labels": {label: shown.label for label, shown in seen.stages},
        "suppressed_below": K_DEFAULT,
    }


@router.get("/balloons/{uuid:balloon_id}/lineage", response={200: LineageOut, **refusals(404)})
def lineage(request: HttpRequest, balloon_id: UUID):
    """Every step of the proposal's path: floated, amended, consensus, sent, answered."""
    access = balloon_access(request.user, balloon_id)
    chain = chain_for_balloon(access.balloon)
    events = [
        {"on": e.on, "stage": e.stage, "text": e.text, "link": e.link}
        for e in uptake.lineage(chain)
    ]
    return {"balloon": access.balloon.id, "events": events}


@router.get("/series/{id:series_id}/bodies", response={200: list[BodyOut], **refusals(403, 404)})
def list_bodies(request: HttpRequest, series_id: int):
    series = selectors.convened_series(request.user, series_id)
    return [
        {
            "id": b.id,
            "name": b.name,
            "kind": b.kind,
            "contacts": [
                {"name": c.name, "email": c.email, "role": c.role} for c in b.contacts.all()
            ],
        }
        for b in series.bodies.prefetch_related("contacts")
    ]


@router.post(
    "/series/{id:series_id}/bodies",
    response={201: CreatedOut, **refusals(403, 404, body=True)},
)
def add_body(request: HttpRequest, series_id: int, payload: BodyIn):
    series = selectors.convened_series(request.user, series_id)
    body = services.add_body(series, payload.name, payload.kind)
    return Status(201, {"id": body.id})


@router.post(
    "/bodies/{id:body_id}/contacts",
    response={201: CreatedOut, **refusals(403, 404, body=True)},
)
def add_contact(request: HttpRequest, body_id: int, payload: ContactIn):
    body = get_object_or_404(Body, id=body_id)
    selectors.convened_series(request.user, body.series_id)
    contact = services.add_contact(body, payload.name, payload.email, payload.role)
    return Status(201, {"id": contact.id})


def _memorandum(request: HttpRequest, report_id: UUID) -> Report:
    report = Report.objects.filter(id=report_id).first()
    if report is None:
        raise ApiError(404, "No such memorandum.")
    selectors.convened_series(request.user, report.series_id)
    return report


@router.get("/memoranda/{uuid:report_id}", response={200: MemorandumOut, **refusals(403, 404)})
def memorandum(request: HttpRequest, report_id: UUID):
    report = _memorandum(request, report_id)
    transmissions = Transmission.objects.filter(version__report=report).select_related("body")
    return {
        "id": report.id,
        "title": report.title,
        "proposals": [
            {"id": p.id, "text": p.text, "balloon": p.balloon_id} for p in report.proposals.all()
        ],
        "transmissions": [
            {
                "id": t.id,
                "body": t.body.name,
                "sent_on": t.sent_on,
                "revoked": t.revoked,
                "responses": [
                    {
                        "proposal": r.proposal_id,
                        "status": r.status,
                        "on": r.on,
                        "note": r.note,
                        "document_url": r.document_url,
                    }
                    for r in t.responses.all()
                ],
            }
            for t in transmissions
        ],
    }


@router.post(
    "/memoranda/{uuid:report_id}/proposals",
    response={201: CreatedOut, **refusals(403, 404, body=True)},
)
def add_proposal(request: HttpRequest, report_id: UUID, payload: ProposalIn):
    report = _memorandum(request, report_id)
    balloon = Balloon.objects.filter(id=payload.balloon).first()
    if balloon is None:
        raise ApiError(422, "That is not the id of a trial balloon.")
    proposal = services.add_proposal(report, balloon)
    return Status(201, {"id": proposal.id})


@router.post(
    "/memoranda/{uuid:report_id}/transmissions",
    response={201: TransmittedOut, **refusals(403, 404, body=True)},
)
@require_recent_auth("transmit this memorandum")
def transmit(request: HttpRequest, report_id: UUID, payload: TransmitIn):
    report = _memorandum(request, report_id)
    body = Body.objects.filter(id=payload.body, series_id=report.series_id).first()
    if body is None:
        raise ApiError(422, "That body is not recorded for this series.")
    transmission, raw = services.transmit(
        report, body, request.user, request.build_absolute_uri("/")
    )
    link = request.build_absolute_uri(f"/t1/{raw}/")
    return Status(201, {"id": transmission.id, "link": link, "expires": transmission.expires})


def _transmission(request: HttpRequest, transmission_id: UUID) -> Transmission:
    t = Transmission.objects.filter(id=transmission_id).select_related("version__report").first()
    if t is None:
        raise ApiError(404, "No such transmission.")
    selectors.convened_series(request.user, t.version.report.series_id)
    return t


@router.post(
    "/transmissions/{uuid:transmission_id}/revoke",
    response={200: RevokedOut, **refusals(403, 404)},
)
def revoke(request: HttpRequest, transmission_id: UUID):
    t = _transmission(request, transmission_id)
    services.revoke(t)
    return {"id": t.id, "revoked": True}


@router.post(
    "/transmissions/{uuid:transmission_id}/responses",
    response={201: CreatedOut, **refusals(403, 404, body=True)},
)
def respond(request: HttpRequest, transmission_id: UUID, payload: ResponseIn):
    t = _transmission(request, transmission_id)
    proposal = Proposal.objects.filter(id=payload.proposal).first()
    if proposal is None:
        raise ApiError(422, "That is not the id of a proposal.")
    response = services.record_response(
        t, proposal, payload.status, payload.on, payload.note, payload.document_url
    )
    return Status(201, {"id": response.id})
