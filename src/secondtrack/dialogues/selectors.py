"""Reads that enforce who may see what, as the access policy (core/policy.py) says.

Anyone the policy does not let know a meeting gets `Http404`, exactly as for a meeting
that does not exist, so that nothing leaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from secondtrack.access.standing import (
    meeting_grants,
    meetings_where,
    require,
    series_grants,
    series_where,
)
from secondtrack.accounts.models import User
from secondtrack.core.policy import Can, Grants
from secondtrack.dialogues.models import Meeting, Participation, Series, Session


@dataclass(frozen=True)
class MeetingAccess:
    """The meeting and what the policy grants the caller in it."""

    meeting: Meeting
    grants: Grants
    participation: Participation | None  # the caller's own, member or not

    def can(self, permission: Can | str) -> bool:
        return self.grants.can(Can(permission))

    @property
    def is_member(self) -> bool:
        return self.participation is not None and self.participation.is_member

    @property
    def is_convenor(self) -> bool:
        return self.can(Can.CONVENE)

    @property
    def reads_content(self) -> bool:
        return self.can(Can.READ_CONTENT)

    @property
    def sees_participants(self) -> bool:
        return self.can(Can.READ_PARTICIPANTS)

    @property
    def sees_composition(self) -> bool:
        return self.can(Can.READ_COMPOSITION)


def visible_meetings(user: User) -> QuerySet[Meeting]:
    """Meetings the caller may know exist; nothing else."""
    return meetings_where(user, Can.KNOW)


def visible_series(user: User) -> QuerySet[Series]:
    return series_where(user, Can.KNOW)


def convened_series(user: User) -> QuerySet[Series]:
    return series_where(user, Can.CONVENE)


def series_for(user: User, series_id: int, need: Can = Can.KNOW) -> Series:
    """The series: 404 for whoever may not know it, 403 for those who may not do ``need``."""
    series = Series.objects.filter(id=series_id).first()
    if series is None:
        raise Http404("No such series.")
    granted = series_grants(user, series.id)
    require(granted, Can.KNOW, "series")
    require(granted, need, "series")
    return series


def meeting_access(user: User, meeting_id: int, need: Can = Can.KNOW) -> MeetingAccess:
    """The meeting and the caller's standing in it: 404 for anyone who may not know of it,
    403 for a member whose role does not allow what they ask (``need``)."""
    meeting = Meeting.objects.select_related("series").filter(id=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    granted, participation = meeting_grants(user, meeting)
    require(granted, Can.KNOW)
    require(granted, need)
    return MeetingAccess(meeting, granted, participation)


def convened_meeting(user: User, meeting_id: int) -> MeetingAccess:
    return meeting_access(user, meeting_id, need=Can.CONVENE)


@dataclass(frozen=True)
class ParticipantList:
    shown: list[Participation]
    hidden_count: int


def participant_list(access: MeetingAccess) -> ParticipantList:
    """The participants this caller may see: everything for convenors, the listed for members."""
    require(access.grants, Can.READ_PARTICIPANTS)
    rows = (
        Participation.objects.filter(meeting=access.meeting)
        .select_related("person", "meeting", "listed_affiliation__organisation")
        .order_by("person__name")
    )
    if access.can(Can.CONVENE):  # drafts are listed apart, on the draft invitation list
        return ParticipantList([p for p in rows if p.status != Participation.Status.DRAFT], 0)
    members = [p for p in rows if p.is_member]
    own = access.participation.id if access.participation else None
    shown = [p for p in members if p.shown_to_members or p.id == own]
    return ParticipantList(shown, len(members) - len(shown))


def participation_in(access: MeetingAccess, person_id: int) -> Participation:
    """A participation of the meeting, for its convenors; 404 if there is none."""
    require(access.grants, Can.CONVENE)
    found = Participation.objects.filter(meeting=access.meeting, person_id=person_id).first()
    if found is None:
        raise Http404("No such participant in this meeting.")
    return found


def meeting_sessions(access: MeetingAccess) -> QuerySet[Session]:
    return Session.objects.filter(meeting=access.meeting)


def meetings_with_people(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Prefetch what composition and track need, in a fixed number of queries."""
    participations = Participation.objects.select_related(
        "person", "listed_affiliation__organisation"
    ).prefetch_related("person__affiliations__organisation")
    return meetings.prefetch_related(Prefetch("participations", queryset=participations))


def known_side_meetings(user: User, meeting: Meeting) -> QuerySet[Meeting]:
    """The side meetings of a meeting that the caller may know exist: a member of the main
    meeting who is not in a side meeting does not learn of it."""
    return visible_meetings(user).filter(parent=meeting).order_by("starts", "id")


def draft_list(access: MeetingAccess) -> QuerySet[Participation]:
    """The draft invitation list (people not yet invited), for the meeting's convenors."""
    require(access.grants, Can.CONVENE)
    return (
        Participation.objects.filter(meeting=access.meeting, status=Participation.Status.DRAFT)
        .select_related("person")
        .order_by("person__name")
    )
