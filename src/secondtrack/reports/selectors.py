"""Who may see, edit, review and read a report, checked in the query.

- Drafts: the meeting's rapporteurs and the series' convenors.
- Drafts in review: also every member of the meeting (members of the series, for
  proceedings).
- Published versions: as the version's visibility says; "public" is readable by anyone.
Anyone else gets 404, as for a report that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from secondtrack.dialogues.models import Participation, SeriesRole
from secondtrack.reports.models import Report, ReportVersion


@dataclass(frozen=True)
class ReportAccess:
    report: Report
    person_id: int | None
    is_convenor: bool
    is_rapporteur: bool
    is_member: bool  # of the meeting, or of any meeting of the series for proceedings
    is_series_member: bool

    @property
    def can_edit(self) -> bool:
        return self.is_convenor or self.is_rapporteur

    @property
    def can_review(self) -> bool:
        return self.is_member and self.person_id is not None

    @property
    def can_read_draft(self) -> bool:
        return self.can_edit or (self.report.status == Report.Status.IN_REVIEW and self.can_review)

    def can_read(self, version: ReportVersion) -> bool:
        if self.can_edit or version.visibility == Report.Visibility.PUBLIC:
            return True
        if version.visibility == Report.Visibility.SERIES:
            return self.is_series_member
        return self.is_member


def _standing(user, report: Report) -> ReportAccess:
    person_id = getattr(user, "person_id", None) if user.is_authenticated else None
    convenor = (
        user.is_authenticated
        and SeriesRole.objects.filter(
            user=user, series_id=report.series_id, role=SeriesRole.Role.CONVENOR
        ).exists()
    )
    mine = Participation.objects.filter(
        person_id=person_id, status__in=Participation.MEMBER_STATUSES
    )
    series_member = (
        person_id is not None and mine.filter(meeting__series_id=report.series_id).exists()
    )
    if report.meeting_id is None:
        member = series_member
        rapporteur = (
            series_member
            and mine.filter(
                meeting__series_id=report.series_id, role=Participation.Role.RAPPORTEUR
            ).exists()
        )
    else:
        here = mine.filter(meeting_id=report.meeting_id).first() if person_id else None
        member = here is not None
        rapporteur = here is not None and here.role == Participation.Role.RAPPORTEUR
    return ReportAccess(report, person_id, bool(convenor), rapporteur, member, series_member)


def report_access(user, report_id: object) -> ReportAccess:
    """The report and the caller's standing, or 404 if they may see nothing of it."""
    try:
        report = Report.objects.select_related("meeting", "series").get(id=report_id)
    except (Report.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such report.")
    access = _standing(user, report)
    if access.can_read_draft or any(access.can_read(v) for v in report.versions.all()):
        return access
    raise Http404("No such report.")


def readable_version(access: ReportAccess, number: int | None = None) -> ReportVersion:
    versions = [v for v in access.report.versions.all() if access.can_read(v)]
    if number is not None:
        versions = [v for v in versions if v.number == number]
    if not versions:
        raise Http404("No published version of this report.")
    return max(versions, key=lambda v: v.number)


def meeting_reports(user, meeting_id: int) -> list[ReportAccess]:
    """The caller's standing in each report of a meeting they may see something of."""
    visible = []
    for report in Report.objects.filter(meeting_id=meeting_id).order_by("kind", "title"):
        try:
            visible.append(report_access(user, report.id))
        except Http404:
            continue
    return visible
