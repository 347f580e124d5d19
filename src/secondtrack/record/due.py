"""Sessions open when they start and close at their end, without a background worker.

`open_and_close_due` runs on the reads and writes that could meet a session at its
moment (the meeting page, the session page, the sessions API, every post). A session due
to close closes through `services.close_now`, the convenor's own path: the session key is
destroyed and the rows rewritten exactly as when a convenor closes it.
"""

from __future__ import annotations

from django.utils import timezone

from secondtrack.dialogues.models import Meeting, Session
from secondtrack.notifications.services import notify_session_open
from secondtrack.record import services


def open_and_close_due(target: Meeting | Session) -> None:
    """Open the scheduled sessions that have started, close the open ones that have ended."""
    sessions = Session.objects.filter(
        **({"meeting": target} if isinstance(target, Meeting) else {"id": target.id})
    )
    now = timezone.now()
    for session in sessions.filter(status=Session.Status.SCHEDULED, starts__lte=now):
        _open(session, now)
    for session in _ended(sessions, now):
        try:
            services.close_now(session)
        except services.SessionClosed:
            continue  # closed meanwhile by someone else
    if isinstance(target, Session):
        target.refresh_from_db(fields=["status"])


def _open(session: Session, now) -> None:
    """Open one session at its start; whoever wins the update tells the room, unless
    the session has already ended too (nobody met it while it ran)."""
    opened = Session.objects.filter(id=session.id, status=Session.Status.SCHEDULED).update(
        status=Session.Status.OPEN
    )
    if opened and (session.ends is None or session.ends > now):
        notify_session_open(session)


def _ended(sessions, now) -> list[Session]:
    """Open timed sessions whose end has passed (few per meeting: compared here)."""
    started = sessions.filter(status=Session.Status.OPEN, starts__lte=now)
    return [s for s in started if s.ends is not None and s.ends <= now]
