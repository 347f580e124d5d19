"""Who may read or write a session, as the access policy says."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from secondtrack.access.standing import require
from secondtrack.accounts.models import User
from secondtrack.core import policy
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Session
from secondtrack.dialogues.selectors import MeetingAccess, meeting_access
from secondtrack.record import batches
from secondtrack.record.authorship import is_mine
from secondtrack.record.models import Contribution


@dataclass(frozen=True)
class SessionAccess:
    session: Session
    meeting: MeetingAccess

    @property
    def rule(self) -> policy.RuleSpec:
        return policy.rule(self.session.rule)

    @property
    def person_id(self) -> int | None:
        p = self.meeting.participation
        return p.person_id if p is not None and p.is_member else None

    @property
    def can_speak(self) -> bool:
        return self.person_id is not None and self.meeting.can(Can.SPEAK)

    @property
    def can_take_notes(self) -> bool:
        return self.person_id is not None and self.meeting.can(Can.TAKE_NOTES)

    @property
    def can_close(self) -> bool:
        return self.meeting.can(Can.CONVENE)


def session_access(user: User, session_id: int) -> SessionAccess:
    """The session and the caller's standing: 404 for anyone who may not know the meeting,
    403 for those who know it but may not read what is said (funders, analysts)."""
    session = Session.objects.filter(id=session_id).select_related("meeting").first()
    if session is None or not user.is_authenticated:
        raise Http404("No such session.")
    access = meeting_access(user, session.meeting_id)
    require(access.grants, Can.READ_CONTENT, "session")
    from secondtrack.record.due import open_and_close_due  # due imports services, which us

    open_and_close_due(session)
    return SessionAccess(session, access)


def session_record(access: SessionAccess) -> list[Contribution]:
    """Top-level contributions with their replies, in an order unrelated to posting order.

    A contribution still waiting for its shuffled batch is shown to its author alone.
    Reading the record is also one of the moments a due batch is released (batches.py).
    """
    batches.release_due(access.session)
    rows = list(
        Contribution.objects.filter(session=access.session)
        .select_related("speaker")
        .order_by("posted" if access.rule.times_kept else "id")
    )
    return [c for c in rows if c.released or is_mine(access, c)]


def contribution_in(access: SessionAccess, contribution_id: object) -> Contribution:
    try:
        return Contribution.objects.get(session=access.session, id=contribution_id)
    except (Contribution.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such contribution.")
