"""Who may see, edit, review and read a report, as the access policy says.

- Drafts: those who may draft (the meeting's rapporteurs, the series' convenors).
- Drafts in review: also those who read the meeting's content (the series', for
  proceedings); those who may review comment on them.
- Published versions: as the version's visibility says; "public" is readable by anyone.
Anyone else gets 404, as for a report that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from secondtrack.access.standing import meeting_grants, series_grants
from secondtrack.core.policy import Can, Grants
from secondtrack.reports.models import ClearanceOverride, Report, ReportVersion


@dataclass(frozen=True)
class ReportAccess:
    report: Report
    person_id: int | None
    grants: Grants  # in the report's meeting, or in the series for proceedings
    in_series: Grants  # in the series, for versions published to the whole series

    @property
    def is_convenor(self) -> bool:
        return self.grants.can(Can.CONVENE)

    @property
    def can_edit(self) -> bool:
        return self.grants.can(Can.DRAFT)

    @property
    def can_review(self) -> bool:
        return self.person_id is not None and self.grants.can(Can.REVIEW)

    @property
    def can_read_draft(self) -> bool:
        in_review = self.report.status == Report.Status.IN_REVIEW
        return self.can_edit or (in_review and self.grants.can(Can.READ_CONTENT))

    def can_read(self, version: ReportVersion) -> bool:
        if self.can_edit or version.visibility == Report.Visibility.PUBLIC:
            return True
        if version.visibility == Report.Visibility.SERIES:
            return self.in_series.can(Can.READ_CONTENT)
        return self.grants.can(Can.READ_CONTENT)


def _standing(user, report: Report) -> ReportAccess:
    person_id = getattr(user, "person_id", None) if user.is_authenticated else None
    in_series = series_grants(user, report.series_id)
    if report.meeting_id is None:
        granted = in_series
    else:
        granted, participation = meeting_grants(user, report.meeting)
        if participation is None or not participation.is_member:
            person_id = None
    return ReportAccess(report, person_id, granted, in_series)


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


def clearance_override(version: ReportVersion | None):
    """The convenor override that let ``version`` out before its review cleared, if any."""
    if version is None:
        return None
    return ClearanceOverride.objects.filter(version=version).select_related("convenor").first()
