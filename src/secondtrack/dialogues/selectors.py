"""Reads that enforce who may see what. Querysets are built from the caller's memberships.

Anyone who is neither a member of a meeting nor a convenor or analyst of its series gets
`Http404`, exactly as for a meeting that does not exist, so that nothing leaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole, Session

# Roles that take part without seeing who else is there.
AGGREGATE_ONLY_ROLES = frozenset({Participation.Role.FUNDER})


@dataclass(frozen=True)
class MeetingAccess:
    meeting: Meeting
    is_convenor: bool
    is_analyst: bool
    participation: Participation | None

    @property
    def is_member(self) -> bool:
        return self.participation is not None and self.participation.is_member

    @property
    def sees_participants(self) -> bool:
        if self.is_convenor:
            return True
        return self.is_member and self.participation.role not in AGGREGATE_ONLY_ROLES

    @property
    def sees_composition(self) -> bool:
        return self.is_convenor or self.is_analyst


def _series_ids(user: User, *roles: str) -> QuerySet:
    return SeriesRole.objects.filter(user=user, role__in=roles).values("series_id")


def visible_meetings(user: User) -> QuerySet[Meeting]:
    """Meetings the user belongs to, convenes or analyses; nothing else."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    staff = Q(series__in=_series_ids(user, SeriesRole.Role.CONVENOR, SeriesRole.Role.ANALYST))
    if user.person_id is None:
        return Meeting.objects.filter(staff).select_related("series")
    member = Q(
        id__in=Participation.objects.filter(
            person_id=user.person_id, status__in=Participation.MEMBER_STATUSES
        ).values("meeting_id")
    )
    return Meeting.objects.filter(staff | member).select_related("series")


def visible_series(user: User) -> QuerySet[Series]:
    return Series.objects.filter(
        id__in=visible_meetings(user).values("series_id")
    ) | Series.objects.filter(
        id__in=_series_ids(user, SeriesRole.Role.CONVENOR, SeriesRole.Role.ANALYST)
    )


def convened_series(user: User) -> QuerySet[Series]:
    if not user.is_authenticated:
        return Series.objects.none()
    return Series.objects.filter(id__in=_series_ids(user, SeriesRole.Role.CONVENOR))


def series_for(user: User, series_id: int) -> Series:
    try:
        return visible_series(user).distinct().get(id=series_id)
    except Series.DoesNotExist:
        raise Http404("No such series.")


def meeting_access(user: User, meeting_id: int) -> MeetingAccess:
    """The meeting and the caller's standing in it, or 404 for anyone outside it."""
    try:
        meeting = visible_meetings(user).get(id=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.")
    roles = set(
        SeriesRole.objects.filter(user=user, series_id=meeting.series_id).values_list(
            "role", flat=True
        )
    )
    participation = None
    if user.person_id is not None:
        participation = Participation.objects.filter(
            meeting=meeting, person_id=user.person_id
        ).first()
    return MeetingAccess(
        meeting,
        is_convenor=SeriesRole.Role.CONVENOR in roles,
        is_analyst=SeriesRole.Role.ANALYST in roles,
        participation=participation,
    )


def convened_meeting(user: User, meeting_id: int) -> MeetingAccess:
    access = meeting_access(user, meeting_id)
    if not access.is_convenor:
        raise Http404("No such meeting.")
    return access


@dataclass(frozen=True)
class ParticipantList:
    shown: list[Participation]
    hidden_count: int


def participant_list(access: MeetingAccess) -> ParticipantList:
    """The participants this caller may see: everything for convenors, the listed for members."""
    if not access.sees_participants:
        raise Http404("No such meeting.")
    rows = (
        Participation.objects.filter(meeting=access.meeting)
        .select_related("person", "meeting", "listed_affiliation__organisation")
        .order_by("person__name")
    )
    if access.is_convenor:
        return ParticipantList(list(rows), 0)
    members = [p for p in rows if p.is_member]
    own = access.participation.id if access.participation else None
    shown = [p for p in members if p.shown_to_members or p.id == own]
    return ParticipantList(shown, len(members) - len(shown))


def meeting_sessions(access: MeetingAccess) -> QuerySet[Session]:
    return Session.objects.filter(meeting=access.meeting)


def meetings_with_people(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Prefetch what composition and track need, in a fixed number of queries."""
    participations = Participation.objects.select_related(
        "person", "listed_affiliation__organisation"
    ).prefetch_related("person__affiliations__organisation")
    return meetings.prefetch_related(Prefetch("participations", queryset=participations))
