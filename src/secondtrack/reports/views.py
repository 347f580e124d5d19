"""Report pages: list, editor with live preview and findings, review, publication, export."""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from secondtrack.access.standing import forbid, require, series_grants
from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.core.policy import Can
from secondtrack.core.publication import markdown_to_html
from secondtrack.delivery.services import DeliveryError
from secondtrack.dialogues.selectors import meeting_access, series_for
from secondtrack.reports import rendering, selectors, services
from secondtrack.reports.delivery import channel_status, deliver_version
from secondtrack.reports.models import Report


def _back(report_id, to: str = "report") -> HttpResponse:
    return redirect(to, report_id=report_id)


@login_required
def meeting_reports(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = meeting_access(request.user, meeting_id)
    editor = access.can(Can.DRAFT)
    if request.method == "POST":
        try:
            report = services.create_report(
                access.meeting,
                request.POST.get("kind", ""),
                request.POST.get("title", ""),
                editor,
                language=request.POST.get("language", ""),
                user=request.user,
            )
        except services.ReportError as error:
            forbid(error)
            messages.error(request, str(error))
            return redirect("meeting_reports", meeting_id=meeting_id)
        return redirect("report_edit", report_id=report.id)
    reports = [a.report for a in selectors.meeting_reports(request.user, meeting_id)]
    context = {
        "meeting": access.meeting,
        "reports": reports,
        "editor": editor,
        "kinds": Report.Kind.choices,
        "languages": settings.LANGUAGES,
        "default_language": services.default_language(access.meeting.series, request.user)
        if editor
        else "",
    }
    return render(request, "reports/list.html", context)


def annotated(text: str, findings: list) -> str:
    """The draft's source with each finding marked where it stands."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:
            continue
        out.append(escape(text[last : f.start]))
        out.append(
            f'<mark class="finding {escape(f.severity)}" title="{escape(f.explanation)}">'
            f"{escape(text[f.start : f.end])}</mark>"
        )
        last = f.end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _preview_context(report: Report, body: str) -> dict:
    found = services.findings(report, body)
    return {
        "report": report,
        "findings": [(f, body[f.start : f.end]) for f in found],
        "annotated": annotated(body, found),
        "preview": mark_safe(markdown_to_html(body)),  # noqa: S308 - sanitised by nh3
    }


def report_page(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    report = access.report
    version = None
    if any(access.can_read(v) for v in report.versions.all()):
        version = selectors.readable_version(access)
    context = {
        "access": access,
        "report": report,
        "version": version,
        "versions": [v for v in report.versions.all() if access.can_read(v)],
        "override": selectors.clearance_override(version),
        "review": services.review_state(report) if access.can_edit else None,
        "channels": channel_status(),
        "export_formats": [("html", "HTML"), ("pdf", "PDF"), ("epub", "EPUB"), ("md", "Markdown")],
    }
    if version is not None:
        context["publication"] = rendering.article(version)
    return render(request, "reports/report.html", context)


@login_required
def edit(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    require(access.grants, Can.DRAFT, "report")
    report = access.report
    if request.method == "POST":
        try:
            body = request.POST.get("body", "").replace("\r\n", "\n")
            found = services.save_draft(
                access, request.POST.get("title", ""), body, request.POST.get("language", "")
            )
        except services.ReportError as error:
            forbid(error)
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Draft saved. {len(found)} attribution finding(s) open."
                if found
                else "Draft saved. The attribution checker finds nothing open.",
            )
        return redirect("report_edit", report_id=report_id)
    context = {"access": access, "report": report, **_preview_context(report, report.body)}
    context["languages"] = settings.LANGUAGES
    context["review"] = services.review_state(report)
    context["comments"] = report.comments.all()
    context["gate_closed"] = services.clearance(report).blocks(timezone.localdate())
    return render(request, "reports/edit.html", context)


@login_required
@require_POST
def preview(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    require(access.grants, Can.DRAFT, "report")
    body = request.POST.get("body", "").replace("\r\n", "\n")[: services.MAX_BODY]
    report = access.report
    with suppress(services.ReportError):  # the language chosen in the form, before it is saved
        chosen = services.report_language(request.POST.get("language", ""))
        report.language = chosen or report.language
    return render(request, "reports/_preview.html", _preview_context(report, body))


@login_required
@require_POST
def dismiss(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    try:
        services.dismiss(
            access,
            request.POST.get("category", ""),
            request.POST.get("excerpt", ""),
            request.POST.get("reason", ""),
        )
    except services.ReportError as error:
        forbid(error)
        messages.error(request, str(error))
    return redirect("report_edit", report_id=report_id)


@login_required
@require_POST
def circulate(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    require(access.grants, Can.CONVENE, "report")
    try:
        deadline = date.fromisoformat(request.POST.get("deadline", ""))
        services.circulate(access, deadline)
    except ValueError:
        messages.error(request, _("Give the review deadline as a date."))
    except services.ReportError as error:
        forbid(error)
        messages.error(request, str(error))
    else:
        messages.success(request, _("Draft circulated to the participants for review."))
    return redirect("report_edit", report_id=report_id)


@login_required
@require_POST
@require_recent_auth("publish this report")
def publish(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    try:
        version = services.publish(
            access,
            request.POST.get("visibility", ""),
            request.POST.get("override_reason", ""),
            user=request.user,
        )
    except services.ReportError as error:
        forbid(error)
        messages.error(request, str(error))
        return redirect("report_edit", report_id=report_id)
    messages.success(request, f"Version {version.number} published.")
    return _back(report_id)


@login_required
def review(request: HttpRequest, report_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    report = access.report
    require(access.grants, Can.REVIEW, "report")
    if not access.can_read_draft:
        return _back(report_id)
    if request.method == "POST":
        try:
            if request.POST.get("approve"):
                services.approve(access)
                messages.success(request, _("Your approval is recorded."))
            else:
                services.comment(
                    access, request.POST.get("text", ""), request.POST.get("excerpt", "")
                )
                messages.success(request, _("Your comment is recorded. Only you see it as yours."))
        except services.ReportError as error:
            forbid(error)
            messages.error(request, str(error))
        return redirect("report_review", report_id=report_id)
    own = services.own_comment_ids(access)
    context = {
        "access": access,
        "report": report,
        "preview": mark_safe(markdown_to_html(report.body)),  # noqa: S308 - sanitised by nh3
        "comments": [(c, c.id in own) for c in report.comments.all()],
    }
    return render(request, "reports/review.html", context)


@login_required
@require_POST
def resolve(request: HttpRequest, report_id, comment_id) -> HttpResponse:
    access = selectors.report_access(request.user, report_id)
    try:
        services.resolve(access, comment_id, request.POST.get("resolution", ""))
    except services.ReportError as error:
        forbid(error)
        messages.error(request, str(error))
    return redirect("report_edit", report_id=report_id)


def export(request: HttpRequest, report_id, fmt: str) -> HttpResponse:
    """Download a published version. Public versions need no login."""
    access = selectors.report_access(request.user, report_id)
    number = request.GET.get("version")
    version = selectors.readable_version(
        access, int(number) if number and number.isdigit() else None
    )
    try:
        out = rendering.render(version, fmt)
    except rendering.UnknownFormat as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    response = HttpResponse(out.data, content_type=out.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{out.filename}"'
    return response


@login_required
@require_POST
def deliver(request: HttpRequest, report_id) -> HttpResponse:
    """Save a published version to Kindle, Dropbox or Google Drive; show its progress."""
    access = selectors.report_access(request.user, report_id)
    version = selectors.readable_version(access)
    fmt = request.POST.get("format", "epub")
    if fmt not in ("epub", "pdf"):
        messages.error(request, _("Choose EPUB or PDF."))
        return _back(report_id)
    try:  # the file is rendered by the delivery's task: the page shows its progress
        delivery = deliver_version(request.user, request.POST.get("channel", ""), version, fmt)
    except DeliveryError as error:
        messages.error(request, str(error))
        return _back(report_id)
    return redirect("delivery:delivery", delivery_id=delivery.id)


@login_required
@require_POST
def assemble_proceedings(request: HttpRequest, series_id: int) -> HttpResponse:
    series = series_for(request.user, series_id)
    is_convenor = series_grants(request.user, series.id).can(Can.CONVENE)
    try:
        report = services.assemble_proceedings(series, is_convenor)
    except services.ReportError as error:
        forbid(error)
        messages.error(request, str(error))
        return redirect("series", series_id=series_id)
    messages.success(request, _("Proceedings assembled as a draft: review, then publish."))
    return redirect("report_edit", report_id=report.id)
