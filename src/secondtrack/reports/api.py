"""API for reports (design §5): list, export, and (with delivery) deliver."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from secondtrack.delivery.api import delivery_out
from secondtrack.delivery.services import DeliveryError
from secondtrack.delivery.services import deliver as deliver_file
from secondtrack.dialogues.selectors import meeting_access
from secondtrack.reports import rendering, selectors

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: str
    kind: str
    status: str
    title: str
    versions: list[int]


@router.get("/meetings/{meeting_id}/reports", response=list[ReportOut])
def list_reports(request: HttpRequest, meeting_id: int):
    meeting_access(request.user, meeting_id)
    out = []
    for access in selectors.meeting_reports(request.user, meeting_id):
        report = access.report
        out.append(
            {
                "id": str(report.id),
                "kind": report.kind,
                "status": report.status,
                "title": report.title,
                "versions": [v.number for v in report.versions.all() if access.can_read(v)],
            }
        )
    return out


class DeliverIn(Schema):
    channel: str
    format: str = "epub"


@router.post("/reports/{report_id}/deliver")
def deliver(request: HttpRequest, report_id: str, payload: DeliverIn) -> dict:
    """Save the latest readable version to Kindle, Dropbox or Google Drive."""
    access = selectors.report_access(request.user, report_id)
    version = selectors.readable_version(access)
    if payload.format not in ("epub", "pdf"):
        raise HttpError(422, "Deliver as epub or pdf.")
    out = rendering.render(version, payload.format)
    try:
        delivery = deliver_file(
            request.user, payload.channel, out.filename, out.data, out.mimetype, version.title
        )
    except DeliveryError as error:
        raise HttpError(422, str(error)) from None
    return delivery_out(delivery)


@router.get("/reports/{report_id}/export")
def export(request: HttpRequest, report_id: str, format: str = "html", version: int | None = None):  # noqa: A002 - design §5 names it
    access = selectors.report_access(request.user, report_id)
    published = selectors.readable_version(access, version)
    try:
        out = rendering.render(published, format)
    except rendering.UnknownFormat as error:
        raise HttpError(422, str(error)) from None
    response = HttpResponse(out.data, content_type=out.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{out.filename}"'
    return response
