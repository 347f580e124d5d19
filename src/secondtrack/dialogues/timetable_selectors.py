"""Reads for the timetable that enforce the policy: one session, for those who may act."""

from __future__ import annotations

from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Session
from secondtrack.dialogues.selectors import MeetingAccess, meeting_access


def timetable_session(user: User, session_id: int, need: Can = Can.CONVENE) -> Session:
    """The session: 404 for whoever may not know its meeting, 403 without ``need``."""
    return session_with_access(user, session_id, need)[0]


def session_with_access(
    user: User, session_id: int, need: Can = Can.CONVENE
) -> tuple[Session, MeetingAccess]:
    session = Session.objects.select_related("meeting").filter(id=session_id).first()
    if session is None or not user.is_authenticated:
        raise Http404("No such session.")
    access = meeting_access(user, session.meeting_id, need=need)
    return session, access
