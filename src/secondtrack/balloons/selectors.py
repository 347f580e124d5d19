"""Who may see and react to a balloon: the members of its meeting (of any meeting of its
series, for a series-wide balloon) and the series' convenors. Anyone else gets 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.balloons.models import Balloon
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole
from secondtrack.dialogues.selectors import meeting_access
from secondtrack.record.selectors import LISTENING_ROLES


@dataclass(frozen=True)
class Standing:
    """The caller's place where balloons are floated: a meeting, or a whole series."""

    series: Series
    meeting: Meeting | None
    participation: Participation | None
    is_convenor: bool

    @property
    def is_member(self) -> bool:
        return self.participation is not None and self.participation.is_member

    @property
    def can_speak(self) -> bool:
        return self.is_member and self.participation.role not in LISTENING_ROLES


@dataclass(frozen=True)
class BalloonAccess:
    balloon: Balloon
    standing: Standing

    @property
    def person_id(self) -> int | None:
        return self.standing.participation.person_id if self.standing.is_member else None

    @property
    def can_react(self) -> bool:
        return self.standing.can_speak

    @property
    def can_close(self) -> bool:
        return self.standing.is_convenor


def member_access(user: User, meeting_id: int) -> Standing:
    access = meeting_access(user, meeting_id)
    if not (access.is_member or access.is_convenor):
        raise Http404("No such meeting.")
    m = access.meeting
    return Standing(m.series, m, access.participation, access.is_convenor)


def series_access(user: User, series_id: int) -> Standing:
    """Members of any meeting of the series and its convenors; 404 for everyone else."""
    series = Series.objects.filter(id=series_id).first()
    if series is None or not user.is_authenticated:
        raise Http404("No such series.")
    convenor = SeriesRole.objects.filter(
        user=user, series=series, role=SeriesRole.Role.CONVENOR
    ).exists()
    participation = None
    if user.person_id is not None:
        mine = Participation.objects.filter(
            person_id=user.person_id,
            meeting__series=series,
            status__in=Participation.MEMBER_STATUSES,
        ).order_by("-meeting__starts")
        speaking = mine.exclude(role__in=LISTENING_ROLES)
        participation = speaking.first() or mine.first()
    if participation is None and not convenor:
        raise Http404("No such series.")
    return Standing(series, None, participation, convenor)


def balloons_of(standing: Standing) -> QuerySet[Balloon]:
    if standing.meeting is not None:
        return Balloon.objects.filter(meeting=standing.meeting)
    return Balloon.objects.filter(series=standing.series, meeting__isnull=True)


def balloon_access(user: User, balloon_id: object) -> BalloonAccess:
    try:
        balloon = Balloon.objects.select_related("meeting", "series").get(id=balloon_id)
    except (Balloon.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such balloon.")
    if not user.is_authenticated:
        raise Http404("No such balloon.")
    if balloon.meeting_id is not None:
        return BalloonAccess(balloon, member_access(user, balloon.meeting_id))
    return BalloonAccess(balloon, series_access(user, balloon.series_id))
