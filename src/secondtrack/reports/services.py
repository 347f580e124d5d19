"""Drafting, clearance and publication of reports. Publication is gated by the checker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from secondtrack.attribution import publication as attribution_publication
from secondtrack.attribution.services import scan_as_author, scanner_for
from secondtrack.audit.services import record
from secondtrack.core.clearance import Clearance, ClearanceRefused, override_reason
from secondtrack.core.deattribution import Finding
from secondtrack.dialogues.models import Meeting, Participation, Series
from secondtrack.notifications.services import notify_publication, notify_review
from secondtrack.record.keystore import keystore, person_tag
from secondtrack.reports.models import (
    ClearanceOverride,
    Dismissal,
    Report,
    ReportVersion,
    ReviewComment,
    ReviewResponse,
)
from secondtrack.reports.selectors import ReportAccess

MAX_BODY = 400_000


class ReportError(Exception):
    """A refused request, with a sentence saying why; nothing changed."""

    status = 422


class NotAllowed(ReportError):
    status = 403


class ClearanceOpen(ReportError):
    """The review has not cleared: comments are open and the deadline has not passed."""

    status = 409
    code = "review_open"


class OpenFindings(ReportError):
    status = 409

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        listed = "; ".join(f.explanation for f in findings[:3])
        more = f"; and {len(findings) - 3} more" if len(findings) > 3 else ""
        super().__init__(
            f"Publication refused: {len(findings)} attribution finding(s) are open "
            f"({listed}{more}). Neutralise them, or mark one as not identifying."
        )


def report_language(code: str) -> str:
    """The code in LANGUAGES for ``code`` ("zh-Hans", "zh_hans" and "en" are understood);
    refused for a language reports are not written in."""
    cleaned = (code or "").strip().lower().replace("_", "-")
    try:
        return translation.get_supported_language_variant(cleaned) if cleaned else ""
    except LookupError:
        pass
    codes = ", ".join(c for c, _name in settings.LANGUAGES)
    raise ReportError(
        gettext("“%(code)s” is not a language reports are written in here: use one of %(codes)s.")
        % {"code": code[:20], "codes": codes}
    )


def default_language(series: Series, user=None) -> str:
    """A new report's language: that of the series' latest report; else the profile
    language of whoever starts it; else the site's (LANGUAGE_CODE)."""
    latest = (
        Report.objects.filter(series=series).order_by("-updated").values_list("language", flat=True)
    ).first()
    if latest:
        return latest
    chosen = getattr(user, "language", "") or ""
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


def _scan_meeting(report: Report) -> Meeting | None:
    return report.meeting or report.series.meetings.order_by("-starts").first()


def findings(report: Report, body: str | None = None, author: int | None = None) -> list[Finding]:
    """Findings of the checker on the draft, less those the rapporteur dismissed; with
    ``author`` (the person saving the draft), also what narrows that author down."""
    text = report.body if body is None else body
    meeting = _scan_meeting(report)
    if meeting is None or not text.strip():
        return []
    dismissed = set(report.dismissals.values_list("category", "excerpt"))
    language = report.language
    if author:
        found = scan_as_author(meeting, text, author, language=language)
    else:
        found = scanner_for(meeting).scan(text, language=language)
    return [f for f in found if (f.category, text[f.start : f.end]) not in dismissed]


def field_findings(report: Report) -> list[Finding]:
    """Findings in the published fields besides the body (title, proposals), each naming
    its field; a publication is refused while any is open."""
    meeting = _scan_meeting(report)
    if meeting is None:
        return []
    dismissed = set(report.dismissals.values_list("category", "excerpt"))
    return attribution_publication.field_findings(
        scanner_for(meeting),
        attribution_publication.published_fields(report),
        dismissed,
        language=report.language,
    )


def create_report(
    meeting: Meeting,
    kind: str,
    title: str,
    access_is_editor: bool,
    language: str = "",
    user=None,
) -> Report:
    """A new draft; in ``language`` if given, else in :func:`default_language`."""
    if not access_is_editor:
        raise NotAllowed("Only the meeting's rapporteurs and the series' convenors draft reports.")
    if kind not in Report.Kind.values:
        raise ReportError(f"{kind!r} is not a kind of report.")
    if not title.strip():
        raise ReportError("A report needs a title.")
    language = report_language(language) or default_language(meeting.series, user)
    return Report.objects.create(
        series_id=meeting.series_id,
        meeting=meeting,
        kind=kind,
        title=title.strip()[:300],
        language=language,
    )


def save_draft(access: ReportAccess, title: str, body: str, language: str = "") -> list[Finding]:
    """Save the draft (and its language, if given); the findings still open in it."""
    if not access.can_edit:
        raise NotAllowed("Only the meeting's rapporteurs and the series' convenors edit reports.")
    if not isinstance(body, str) or len(body) > MAX_BODY:
        raise ReportError(f"A report holds at most {MAX_BODY:,} characters.")
    if not title.strip():
        raise ReportError("A report needs a title.")
    report = access.report
    report.language = report_language(language) or report.language
    report.title, report.body = title.strip()[:300], body
    if report.status == Report.Status.PUBLISHED:
        report.status = Report.Status.DRAFT  # a new draft after a published version
    report.save()
    return findings(report, author=access.person_id)


def dismiss(access: ReportAccess, category: str, excerpt: str, reason: str = "") -> None:
    if not access.can_edit:
        raise NotAllowed("Only the rapporteur or a convenor judges findings.")
    if excerpt not in access.report.body and excerpt not in access.report.title:
        raise ReportError("That passage is not in the draft any more.")
    Dismissal.objects.get_or_create(
        report=access.report,
        category=category,
        excerpt=excerpt[:300],
        defaults={"reason": reason[:300]},
    )


def circulate(access: ReportAccess, deadline: date) -> None:
    if not access.is_convenor:
        raise NotAllowed("Only the series' convenors circulate a draft for review.")
    if deadline < timezone.localdate():
        raise ReportError("The review deadline must be today or later.")
    report = access.report
    with transaction.atomic():
        report.status, report.review_deadline = Report.Status.IN_REVIEW, deadline
        report.save(update_fields=["status", "review_deadline", "updated"])
        notify_review(report)


def _key_name(report: Report) -> str:
    return f"report-{report.id}"


def reviewer_tag(report: Report, person_id: int, create: bool = False) -> str | None:
    return person_tag(_key_name(report), person_id, create)


def _reviewing(access: ReportAccess) -> str:
    if not access.can_review:
        raise NotAllowed("Only members of the meeting who take part review its reports.")
    if access.report.status != Report.Status.IN_REVIEW:
        raise ReportError("This draft is not circulated for review.")
    return reviewer_tag(access.report, access.person_id, create=True)


@transaction.atomic
def comment(access: ReportAccess, text: str, excerpt: str = "") -> ReviewComment:
    tag = _reviewing(access)
    text = (text or "").strip()
    if not text:
        raise ReportError("Write your comment: it is empty.")
    if len(text) > 5000:
        raise ReportError("A comment holds at most 5,000 characters.")
    ReviewResponse.objects.get_or_create(report=access.report, tag=tag)
    return ReviewComment.objects.create(
        report=access.report, text=text, excerpt=(excerpt or "")[:500], tag=tag
    )


@transaction.atomic
def approve(access: ReportAccess) -> None:
    tag = _reviewing(access)
    ReviewResponse.objects.update_or_create(
        report=access.report, tag=tag, defaults={"approved": True}
    )


def resolve(access: ReportAccess, comment_id: object, resolution: str = "") -> None:
    if not access.can_edit:
        raise NotAllowed("Only the rapporteur or a convenor resolves comments.")
    updated = ReviewComment.objects.filter(report=access.report, id=comment_id).update(
        resolved=True, resolution=(resolution or "")[:2000]
    )
    if not updated:
        raise ReportError("That comment does not belong to this report.")


@dataclass(frozen=True)
class ReviewState:
    reviewers: int
    responded: int
    approved: int
    open_comments: int

    @property
    def not_yet(self) -> int:
        return max(0, self.reviewers - self.responded)


def review_state(report: Report) -> ReviewState:
    if report.meeting_id:
        reviewers = Participation.objects.filter(
            meeting_id=report.meeting_id, status__in=Participation.MEMBER_STATUSES
        ).count()
    else:
        reviewers = (
            Participation.objects.filter(
                meeting__series_id=report.series_id, status__in=Participation.MEMBER_STATUSES
            )
            .values("person_id")
            .distinct()
            .count()
        )
    responses = report.responses.all()
    return ReviewState(
        reviewers,
        responses.count(),
        responses.filter(approved=True).count(),
        report.comments.filter(resolved=False).count(),
    )


def own_comment_ids(access: ReportAccess) -> set:
    if access.person_id is None:
        return set()
    tag = reviewer_tag(access.report, access.person_id)
    if tag is None:
        return set()
    return set(access.report.comments.filter(tag=tag).values_list("id", flat=True))


def clearance(report: Report) -> Clearance:
    return Clearance(
        in_review=report.status == Report.Status.IN_REVIEW,
        deadline=report.review_deadline,
        open_comments=report.comments.filter(resolved=False).count(),
    )


def publish(access: ReportAccess, visibility: str, override: str = "", user=None) -> ReportVersion:
    """Write an immutable, dated version, if the checker finds nothing open and the review
    has cleared (or a convenor overrides it with a reason); then destroy the key that told
    reviewers their own comments apart. Participants are told after commit."""
    version = _publish(access, visibility, override, user)
    keystore().destroy(_key_name(access.report))
    return version


@transaction.atomic
def _publish(access: ReportAccess, visibility: str, override: str, user) -> ReportVersion:
    if not access.is_convenor:
        raise NotAllowed("Only the series' convenors publish.")
    if visibility not in Report.Visibility.values:
        raise ReportError("Visibility is meeting, series or public.")
    report = Report.objects.select_for_update().get(id=access.report.id)
    if not report.body.strip():
        raise ReportError("An empty draft cannot be published.")
    if visibility == Report.Visibility.MEETING and report.meeting_id is None:
        raise ReportError("Proceedings of a series are published to the series or the public.")
    gate = clearance(report)
    try:
        reason = override_reason(gate, timezone.localdate(), override)
    except ClearanceRefused as refused:
        raise ClearanceOpen(str(refused)) from None
    open_findings = findings(report) + field_findings(report)
    if open_findings:
        raise OpenFindings(open_findings)
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        title=report.title,
        body=report.body,
        visibility=visibility,
        language=report.language,
        published_on=timezone.localdate(),
    )
    if reason:
        _record_override(version, gate, reason, user)
    report.status, report.visibility = Report.Status.PUBLISHED, visibility
    report.save(update_fields=["status", "visibility", "updated"])
    report.comments.update(tag=None)
    report.responses.all().delete()
    notify_publication(version)
    overridden = " (review overridden)" if reason else ""
    detail = f"{report.kind} version {number}, to the {visibility}{overridden}"
    record(user, "published", series=report.series_id, target=report, detail=detail)
    return version


def _record_override(version: ReportVersion, gate: Clearance, reason: str, user) -> None:
    ClearanceOverride.objects.create(
        version=version,
        convenor=user if getattr(user, "is_authenticated", False) else None,
        reason=reason,
        open_comments=gate.open_comments,
        review_deadline=gate.deadline,
    )


def _demoted(markdown: str) -> str:
    """Push every heading one level down, so each meeting is a chapter of the volume."""
    return re.sub(r"^(#{1,5}) ", r"#\1 ", markdown, flags=re.MULTILINE)


def assemble_proceedings(series: Series, is_convenor: bool) -> Report:
    """Draft (or refresh the draft of) the proceedings of a series: one chapter per meeting,
    made of the latest published versions of its reports. It is then cleared and published
    like any report, and its EPUB reads as a book. Its own words (title, introduction,
    dates) are in the draft's language: for a new one, that of the series' reports."""
    if not is_convenor:
        raise NotAllowed("Only the series' convenors assemble its proceedings.")
    report = (
        Report.objects.filter(series=series, kind=Report.Kind.PROCEEDINGS, meeting__isnull=True)
        .exclude(status=Report.Status.PUBLISHED)
        .first()
    )
    language = report.language if report else default_language(series)
    with translation.override(language):
        body = _proceedings_body(series)
        title = gettext("Proceedings: %(series)s") % {"series": series.title}
    if report is None:
        return Report.objects.create(
            series=series,
            kind=Report.Kind.PROCEEDINGS,
            title=title[:300],
            body=body,
            visibility=Report.Visibility.SERIES,
            language=language,
        )
    report.body = body
    report.save(update_fields=["body", "updated"])
    return report


def _proceedings_body(series: Series) -> str:
    parts = [
        gettext("Proceedings of %(series)s, assembled from the published reports of its meetings.")
        % {"series": series.title}
        + "\n"
    ]
    for meeting in series.meetings.order_by("starts"):
        versions = [
            r.versions.order_by("-number").first()
            for r in meeting.reports.exclude(kind=Report.Kind.PROCEEDINGS).order_by("kind")
        ]
        versions = [v for v in versions if v is not None]
        if not versions:
            continue
        day = date_format(meeting.starts, gettext("j F Y"))
        parts.append(f"## {meeting.title}\n\n*{meeting.place}, {day}*\n")
        for v in versions:
            parts.append(f"### {v.title}\n\n{_demoted(_demoted(v.body)).strip()}\n")
    if len(parts) == 1:
        raise ReportError("No meeting of this series has a published report yet.")
    return "\n".join(parts)
