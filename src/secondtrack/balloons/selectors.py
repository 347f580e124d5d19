"""Who may see and react to a balloon: the members of its meeting and its convenors."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.balloons.models import Balloon
from secondtrack.dialogues.selectors import MeetingAccess, meeting_access
from secondtrack.record.selectors import LISTENING_ROLES


@dataclass(frozen=True)
class BalloonAccess:
    balloon: Balloon
    meeting: MeetingAccess

    @property
    def person_id(self) -> int | None:
        p = self.meeting.participation
        return p.person_id if p is not None and p.is_member else None

    @property
    def can_react(self) -> bool:
        p = self.meeting.participation
        return self.meeting.is_member and p is not None and p.role not in LISTENING_ROLES

    @property
    def can_close(self) -> bool:
        return self.meeting.is_convenor


def member_access(user: User, meeting_id: int) -> MeetingAccess:
    access = meeting_access(user, meeting_id)
    if not (access.is_member or access.is_convenor):
        raise Http404("No such meeting.")
    return access


def meeting_balloons(access: MeetingAccess) -> QuerySet[Balloon]:
    return Balloon.objects.filter(meeting=access.meeting)


def balloon_access(user: User, balloon_id: object) -> BalloonAccess:
    try:
        balloon = Balloon.objects.select_related("meeting").get(id=balloon_id)
    except (Balloon.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such balloon.")
    if not user.is_authenticated:
        raise Http404("No such balloon.")
    return BalloonAccess(balloon, member_access(user, balloon.meeting_id))
