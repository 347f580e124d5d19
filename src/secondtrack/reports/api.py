"""API for reports (design §5): drafting, review, publication, export and delivery.

Each endpoint asks the reports selectors who may do what and calls the service the pages
call; refusals are translated once, in api/errors.py.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import BeforeValidator, Field

from secondtrack.access.standing import require, series_grants
from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.api.errors import refusals
from secondtrack.api.schemas import DetailOut, FindingOut, OpenFindingsOut
from secondtrack.core.policy import Can
from secondtrack.delivery.api import DeliveryOut, delivery_out
from secondtrack.delivery.models import Delivery
from secondtrack.dialogues.selectors import meeting_access, series_for
from secondtrack.reports import rendering, selectors, services
from secondtrack.reports.delivery import deliver_version
from secondtrack.reports.models import Report, ReportVersion

router = Router(tags=["reports"])

Kind = Report.Kind
ReportStatus = Report.Status
Visibility = Report.Visibility
ExportFormat = StrEnum("ExportFormat", {f.upper(): f for f in rendering.FORMATS})  # type: ignore[misc]
ReportLanguage = StrEnum(  # type: ignore[misc]
    "ReportLanguage", {code.replace("-", "_").upper(): code for code, _name in settings.LANGUAGES}
)


def _language_code(value: Any) -> Any:
    """A language as the site spells it ("zh-Hans", "zh_hans" and "en" are understood);
    anything else is left for the enum to refuse, naming the codes it takes."""
    if isinstance(value, str):
        try:
            return services.report_language(value) or value
        except services.ReportError:
            return value
    return value


Language = Annotated[ReportLanguage, BeforeValidator(_language_code)]
LANGUAGE_HELP = (
    "The language the report is written in (a code of the site's languages): its notices, "
    "headings and dates are printed in it, and the attribution checker's replacements "
    "follow it where a sentence's own script does not decide."
)


class ReportOut(Schema):
    id: UUID
    kind: Kind
    status: ReportStatus
    title: str
    versions: list[int]
    language: ReportLanguage = Field(description=LANGUAGE_HELP)


class ReportIn(Schema):
    kind: Kind
    title: str = Field(max_length=300, pattern=r"\S")
    language: Language | None = Field(
        None,
        description=LANGUAGE_HELP + " Omitted: the language of the series' latest report, "
        "else the caller's profile language, else the site's.",
    )


class CreatedReportOut(Schema):
    id: UUID


class DraftIn(Schema):
    title: str = Field(max_length=300, pattern=r"\S")
    body: str = Field(max_length=services.MAX_BODY)
    language: Language | None = Field(None, description=LANGUAGE_HELP + " Omitted: unchanged.")


class ReviewStateOut(Schema):
    reviewers: int
    responded: int
    approved: int
    open_comments: int
    not_yet: int


class DraftOut(Schema):
    title: str
    body: str
    findings: list[FindingOut] | None  # for those who edit the draft only
    review: ReviewStateOut | None  # likewise


class VersionOut(Schema):
    number: int
    title: str
    visibility: Visibility
    published_on: date
    language: ReportLanguage


class ReportDetailOut(Schema):
    id: UUID
    kind: Kind
    status: ReportStatus
    title: str
    language: ReportLanguage = Field(description=LANGUAGE_HELP)
    meeting: int | None
    series: int
    review_deadline: date | None
    can_edit: bool
    can_review: bool
    versions: list[VersionOut]
    draft: DraftOut | None  # to editors, and to readers while it is circulated for review


class FindingsOut(Schema):
    findings: list[FindingOut]


class CirculateIn(Schema):
    deadline: date


class CommentIn(Schema):
    text: str = Field(max_length=5000)
    excerpt: str = Field("", max_length=500)


class CommentOut(Schema):
    id: UUID
    text: str
    excerpt: str
    resolved: bool
    resolution: str
    yours: bool


class ResolveIn(Schema):
    resolution: str = Field("", max_length=2000)


class PublishIn(Schema):
    visibility: Visibility
    override_reason: str = Field(
        "",
        max_length=1000,
        description="A convenor's reason to publish a draft whose review has not cleared "
        "(open comments before the deadline); recorded with the version.",
    )


class DismissalIn(Schema):
    category: str = Field(max_length=20, pattern=r"\S")
    excerpt: str = Field(max_length=300, pattern=r"\S")
    reason: str = Field("", max_length=300)


class DeliverIn(Schema):
    channel: Delivery.Channel
    format: Literal["epub", "pdf"] = "epub"


def _findings(report: Report) -> list[dict]:
    return [f.to_dict() for f in services.findings(report)]


def _version_out(v: ReportVersion) -> dict:
    return {
        "number": v.number,
        "title": v.title,
        "visibility": v.visibility,
        "published_on": v.published_on,
        "language": v.language,
    }


@router.get("/meetings/{id:meeting_id}/reports", response={200: list[ReportOut], **refusals(404)})
def list_reports(request: HttpRequest, meeting_id: int):
    meeting_access(request.user, meeting_id)
    out = []
    for access in selectors.meeting_reports(request.user, meeting_id):
        report = access.report
        out.append(
            {
                "id": report.id,
                "kind": report.kind,
                "status": report.status,
                "title": report.title,
                "versions": [v.number for v in report.versions.all() if access.can_read(v)],
                "language": report.language,
            }
        )
    return out


@router.post(
    "/meetings/{id:meeting_id}/reports",
    response={201: CreatedReportOut, **refusals(403, 404, body=True)},
)
def create_report(request: HttpRequest, meeting_id: int, payload: ReportIn):
    """Start a draft: for the meeting's rapporteurs and the series' convenors."""
    access = meeting_access(request.user, meeting_id, need=Can.DRAFT)
    report = services.create_report(
        access.meeting,
        payload.kind,
        payload.title,
        True,
        language=payload.language or "",
        user=request.user,
    )
    return Status(201, {"id": report.id})


@router.get("/reports/{uuid:report_id}", response={200: ReportDetailOut, **refusals(404)})
def get_report(request: HttpRequest, report_id: UUID):
    """The report, its readable versions, and the draft for those who may read it."""
    access = selectors.report_access(request.user, report_id)
    report = access.report
    draft = None
    if access.can_read_draft:
        state = services.review_state(report) if access.can_edit else None
        draft = {
            "title": report.title,
            "body": report.body,
            "findings": _findings(report) if access.can_edit else None,
            "review": None if state is None else {**state.__dict__, "not_yet": state.not_yet},
        }
    return {
        "id": report.id,
        "kind": report.kind,
        "status": report.status,
        "title": report.title,
        "language": report.language,
        "meeting": report.meeting_id,
        "series": report.series_id,
        "review_deadline": report.review_deadline,
        "can_edit": access.can_edit,
        "can_review": access.can_review and report.status == Report.Status.IN_REVIEW,
        "versions": [_version_out(v) for v in report.versions.all() if access.can_read(v)],
        "draft": draft,
    }


@router.put(
    "/reports/{uuid:report_id}", response={200: FindingsOut, **refusals(403, 404, body=True)}
)
def save_draft(request: HttpRequest, report_id: UUID, payload: DraftIn):
    """Save the draft; the answer lists the attribution findings still open in it."""
    access = selectors.report_access(request.user, report_id)
    body = payload.body.replace("\r\n", "\n")
    found = services.save_draft(access, payload.title, body, payload.language or "")
    return {"findings": [f.to_dict() for f in found]}


@router.post(
    "/reports/{uuid:report_id}/dismissals",
    response={201: FindingsOut, **refusals(403, 404, body=True)},
)
def dismiss(request: HttpRequest, report_id: UUID, payload: DismissalIn):
    """Judge one finding not identifying; the answer lists the findings still open."""
    access = selectors.report_access(request.user, report_id)
    services.dismiss(access, payload.category, payload.excerpt, payload.reason)
    return Status(201, {"findings": _findings(access.report)})


@router.post(
    "/reports/{uuid:report_id}/circulate",
    response={200: ReportDetailOut, **refusals(403, 404, body=True)},
)
def circulate(request: HttpRequest, report_id: UUID, payload: CirculateIn):
    """Circulate the draft to the meeting's members for review, until the deadline."""
    access = selectors.report_access(request.user, report_id)
    services.circulate(access, payload.deadline)
    return get_report(request, report_id)


def _review_comments(request: HttpRequest, report_id: UUID) -> selectors.ReportAccess:
    access = selectors.report_access(request.user, report_id)
    require(access.grants, Can.READ_CONTENT, "report")
    return access


@router.get(
    "/reports/{uuid:report_id}/comments",
    response={200: list[CommentOut], **refusals(403, 404)},
)
def list_comments(request: HttpRequest, report_id: UUID):
    """Review comments, unsigned; each reviewer is told which are their own."""
    access = _review_comments(request, report_id)
    own = services.own_comment_ids(access)
    return [
        {
            "id": c.id,
            "text": c.text,
            "excerpt": c.excerpt,
            "resolved": c.resolved,
            "resolution": c.resolution,
            "yours": c.id in own,
        }
        for c in access.report.comments.all()
    ]


@router.post(
    "/reports/{uuid:report_id}/comments",
    response={201: CommentOut, **refusals(403, 404, body=True)},
)
def add_comment(request: HttpRequest, report_id: UUID, payload: CommentIn):
    access = selectors.report_access(request.user, report_id)
    c = services.comment(access, payload.text, payload.excerpt)
    out = {"id": c.id, "text": c.text, "excerpt": c.excerpt, "resolution": ""}
    return Status(201, {**out, "resolved": False, "yours": True})


@router.post(
    "/reports/{uuid:report_id}/comments/{uuid:comment_id}/resolve",
    response={200: DetailOut, **refusals(403, 404, body=True)},
)
def resolve(
    request: HttpRequest, report_id: UUID, comment_id: UUID, payload: ResolveIn | None = None
):
    access = selectors.report_access(request.user, report_id)
    services.resolve(access, comment_id, (payload or ResolveIn()).resolution)
    return {"detail": "The comment is resolved."}


@router.post("/reports/{uuid:report_id}/approve", response={200: DetailOut, **refusals(403, 404)})
def approve(request: HttpRequest, report_id: UUID):
    """A reviewer's approval of the circulated draft, recorded under their reviewer tag."""
    access = selectors.report_access(request.user, report_id)
    services.approve(access)
    return {"detail": "Your approval is recorded."}


@router.post(
    "/reports/{uuid:report_id}/publish",
    response={201: VersionOut, **refusals(403, 404, body=True), 409: OpenFindingsOut},
)
@require_recent_auth("publish this report")
def publish(request: HttpRequest, report_id: UUID, payload: PublishIn):
    """Publish an immutable, dated version. 409 ``open_findings`` with the findings the
    checker still has; 409 ``review_open`` while the draft is in review with unresolved
    comments before its deadline, unless ``override_reason`` says why (recorded)."""
    access = selectors.report_access(request.user, report_id)
    version = services.publish(
        access, payload.visibility, payload.override_reason, user=request.user
    )
    return Status(201, _version_out(version))


@router.post(
    "/series/{id:series_id}/proceedings",
    response={201: CreatedReportOut, **refusals(403, 404)},
)
def assemble_proceedings(request: HttpRequest, series_id: int):
    """Draft the proceedings of a series from its meetings' published reports."""
    series = series_for(request.user, series_id)
    granted = series_grants(request.user, series.id)
    require(granted, Can.CONVENE, "series")
    report = services.assemble_proceedings(series, granted.can(Can.CONVENE))
    return Status(201, {"id": report.id})


@router.post(
    "/reports/{uuid:report_id}/deliver",
    response={200: DeliveryOut, **refusals(404, body=True)},
)
def deliver(request: HttpRequest, report_id: UUID, payload: DeliverIn):
    """Save the latest readable version to Kindle, Dropbox or Google Drive."""
    access = selectors.report_access(request.user, report_id)
    version = selectors.readable_version(access)
    # Rendered by the delivery's task, after this request: poll the delivery for progress.
    delivery = deliver_version(request.user, payload.channel, version, payload.format)
    return delivery_out(delivery)


EXPORT_CONTENT = {mimetype.split(";")[0]: {} for mimetype in rendering.FORMATS.values()}


@router.get(
    "/reports/{uuid:report_id}/export",
    response=refusals(404),
    openapi_extra={"responses": {200: {"description": "The file", "content": EXPORT_CONTENT}}},
)
def export(
    request: HttpRequest,
    report_id: UUID,
    format: ExportFormat = ExportFormat.HTML,  # noqa: A002 - design §5 names it
    version: int | None = Query(None, ge=1, le=2**31 - 1),
):
    access = selectors.report_access(request.user, report_id)
    published = selectors.readable_version(access, version)
    out = rendering.render(published, format.value)
    response = HttpResponse(out.data, content_type=out.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{out.filename}"'
    return response
