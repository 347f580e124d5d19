"""API for Track One uptake: bodies, memoranda, transmissions, responses, the funnel."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from secondtrack.balloons.models import Balloon
from secondtrack.core.policy import K_DEFAULT
from secondtrack.reports.models import Report
from secondtrack.trackone import selectors, services
from secondtrack.trackone.models import Body, Proposal, Transmission
from secondtrack.trackone.uptake import uptake_for

router = Router(tags=["track one"])


class BodyIn(Schema):
    name: str
    kind: str


class ContactIn(Schema):
    name: str
    email: str
    role: str = ""


class ProposalIn(Schema):
    balloon: str


class TransmitIn(Schema):
    body: int


class ResponseIn(Schema):
    proposal: int
    status: str
    on: date | None = None
    note: str = ""
    document_url: str = ""


def _refused(error: services.TrackOneError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


@router.get("/series/{series_id}/funnel")
def funnel(request: HttpRequest, series_id: int) -> dict[str, Any]:
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


@router.get("/series/{series_id}/bodies")
def list_bodies(request: HttpRequest, series_id: int) -> list[dict[str, Any]]:
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


@router.post("/series/{series_id}/bodies", response={201: dict})
def add_body(request: HttpRequest, series_id: int, payload: BodyIn):
    series = selectors.convened_series(request.user, series_id)
    try:
        body = services.add_body(series, payload.name, payload.kind)
    except services.TrackOneError as error:
        raise _refused(error) from None
    return Status(201, {"id": body.id})


@router.post("/bodies/{body_id}/contacts", response={201: dict})
def add_contact(request: HttpRequest, body_id: int, payload: ContactIn):
    body = get_object_or_404(Body, id=body_id)
    selectors.convened_series(request.user, body.series_id)
    try:
        contact = services.add_contact(body, payload.name, payload.email, payload.role)
    except services.TrackOneError as error:
        raise _refused(error) from None
    return Status(201, {"id": contact.id})


def _memorandum(request: HttpRequest, report_id: str) -> Report:
    report = Report.objects.filter(id=report_id).first() if _is_uuid(report_id) else None
    if report is None:
        raise HttpError(404, "No such memorandum.")
    selectors.convened_series(request.user, report.series_id)
    return report


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@router.get("/memoranda/{report_id}")
def memorandum(request: HttpRequest, report_id: str) -> dict[str, Any]:
    report = _memorandum(request, report_id)
    transmissions = Transmission.objects.filter(version__report=report).select_related("body")
    return {
        "id": str(report.id),
        "title": report.title,
        "proposals": [
            {"id": p.id, "text": p.text, "balloon": str(p.balloon_id)}
            for p in report.proposals.all()
        ],
        "transmissions": [
            {
                "id": str(t.id),
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


@router.post("/memoranda/{report_id}/proposals", response={201: dict})
def add_proposal(request: HttpRequest, report_id: str, payload: ProposalIn):
    report = _memorandum(request, report_id)
    balloon = (
        Balloon.objects.filter(id=payload.balloon).first() if _is_uuid(payload.balloon) else None
    )
    if balloon is None:
        raise HttpError(422, "That is not the id of a trial balloon.")
    try:
        proposal = services.add_proposal(report, balloon)
    except services.TrackOneError as error:
        raise _refused(error) from None
    return Status(201, {"id": proposal.id})


@router.post("/memoranda/{report_id}/transmissions", response={201: dict})
def transmit(request: HttpRequest, report_id: str, payload: TransmitIn):
    report = _memorandum(request, report_id)
    body = Body.objects.filter(id=payload.body, series_id=report.series_id).first()
    if body is None:
        raise HttpError(422, "That body is not recorded for this series.")
    try:
        transmission, raw = services.transmit(
            report, body, request.user, request.build_absolute_uri("/")
        )
    except services.TrackOneError as error:
        raise _refused(error) from None
    link = request.build_absolute_uri(f"/t1/{raw}/")
    return Status(201, {"id": str(transmission.id), "link": link, "expires": transmission.expires})


def _transmission(request: HttpRequest, transmission_id: str) -> Transmission:
    t = (
        Transmission.objects.filter(id=transmission_id).select_related("version__report").first()
        if _is_uuid(transmission_id)
        else None
    )
    if t is None:
        raise HttpError(404, "No such transmission.")
    selectors.convened_series(request.user, t.version.report.series_id)
    return t


@router.post("/transmissions/{transmission_id}/revoke")
def revoke(request: HttpRequest, transmission_id: str) -> dict[str, Any]:
    t = _transmission(request, transmission_id)
    services.revoke(t)
    return {"id": str(t.id), "revoked": True}


@router.post("/transmissions/{transmission_id}/responses", response={201: dict})
def respond(request: HttpRequest, transmission_id: str, payload: ResponseIn):
    t = _transmission(request, transmission_id)
    proposal = Proposal.objects.filter(id=payload.proposal).first()
    if proposal is None:
        raise HttpError(422, "That is not the id of a proposal.")
    try:
        response = services.record_response(
            t, proposal, payload.status, payload.on, payload.note, payload.document_url
        )
    except services.TrackOneError as error:
        raise _refused(error) from None
    return Status(201, {"id": response.id})
