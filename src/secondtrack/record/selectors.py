"""Who may read or write a session: the members of its meeting and its series' convenors."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.dialogues.models import Participation, Session
from secondtrack.dialogues.selectors import MeetingAccess, meeting_access
from secondtrack.record.models import Contribution

# Roles that listen without speaking.
LISTENING_ROLES = frozenset({Participation.Role.TRACK_ONE_OBSERVER, Participation.Role.FUNDER})


@dataclass(frozen=True)
class SessionAccess:
    session: Session
    meeting: MeetingAccess

    @property
    def person_id(self) -> int | None:
        p = self.meeting.participation
        return p.person_id if p is not None and p.is_member else None

    @property
    def can_speak(self) -> bool:
        p = self.meeting.participation
        return self.meeting.is_member and p is not None and p.role not in LISTENING_ROLES

    @property
    def can_take_notes(self) -> bool:
        p = self.meeting.participation
        return self.meeting.is_member and p is not None and p.role == Participation.Role.RAPPORTEUR

    @property
    def can_close(self) -> bool:
        return self.meeting.is_convenor


def session_access(user: User, session_id: int) -> SessionAccess:
    """The session and the caller's standing, or 404 for anyone outside the meeting.

    Analysts see aggregates only, so a session's content is 404 for them too.
    """
    session = Session.objects.filter(id=session_id).select_related("meeting").first()
    if session is None or not user.is_authenticated:
        raise Http404("No such session.")
    access = meeting_access(user, session.meeting_id)
    if not (access.is_member or access.is_convenor):
        raise Http404("No such session.")
    return SessionAccess(session, access)


def session_record(access: SessionAccess) -> list[Contribution]:
    """Top-level contributions with their replies, in an order unrelated to posting order."""
    rows = list(
        Contribution.objects.filter(session=access.session)
        .select_related("speaker")
        .order_by("posted" if access.session.rule == Session.Rule.ON_THE_RECORD else "id")
    )
    return rows


def contribution_in(access: SessionAccess, contribution_id: object) -> Contribution:
    try:
        return Contribution.objects.get(session=access.session, id=contribution_id)
    except (Contribution.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such contribution.")
