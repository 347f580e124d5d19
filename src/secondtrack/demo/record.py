"""Demo contributions in sessions of every rule, written through the record's own services
so that what is stored is exactly what the rule keeps."""

from __future__ import annotations

from secondtrack.accounts.models import User
from secondtrack.core import policy
from secondtrack.core.policy import grants
from secondtrack.dialogues.models import Meeting, Participation, Session
from secondtrack.dialogues.selectors import MeetingAccess
from secondtrack.record import services
from secondtrack.record.selectors import SessionAccess

STATEMENTS = [
    "Coast guards now meet each other far more often than navies do, yet the rules for "
    "unplanned encounters at sea were written for warships. Extending them is overdue.",
    "A hotline that nobody answers is worse than none. Any mechanism should be tested "
    "every quarter, with the results shared among the parties.",
    "Fishing militias blur the line between civilian and state vessels; a first step "
    "would be agreed markings and radio procedures, without prejudice to claims.",
    "Cable repair ships need predictable access. A regional notification template "
    "would cost little and protect everyone's connectivity.",
    "Our experience is that data sharing on illegal fishing works best through "
    "regional centres rather than bilaterally.",
    "Before new rules, we should publish which existing commitments are actually "
    "implemented; confidence grows from delivery, not declarations.",
]
REPLIES = [
    "Agreed, and the test results should go to ministers, not only to operators.",
    "The difficulty is verification; perhaps a voluntary pilot among three parties first.",
]


def _access(session: Session, participation: Participation) -> SessionAccess:
    meeting_access = MeetingAccess(session.meeting, grants([participation.role]), participation)
    return SessionAccess(session, meeting_access)


def add_demo_record(meetings: list[Meeting], convenor: User) -> None:
    for meeting in meetings:
        speakers = list(
            meeting.participations.filter(
                status__in=Participation.MEMBER_STATUSES, role="participant"
            ).select_related("person", "meeting")[:6]
        )
        for index, session in enumerate(meeting.sessions.all()):
            was_closed = session.status == Session.Status.CLOSED
            if was_closed:
                Session.objects.filter(id=session.id).update(status=Session.Status.OPEN)
                session.status = Session.Status.OPEN
            first = None
            for n, statement in enumerate(STATEMENTS[index % 3 :][:4]):
                who = speakers[(n + index) % len(speakers)]
                posted = services.post(_access(session, who), statement)
                first = first or posted.contribution
            services.post(_access(session, speakers[-1]), REPLIES[index % 2], reply_to=first.id)
            if was_closed:
                convenor_access = SessionAccess(
                    session, MeetingAccess(meeting, grants(["convenor"]), None)
                )
                note = (
                    "Participants agreed that a coast-guard encounters code deserves study."
                    if not policy.rule(session.rule).text_kept_after_close
                    else ""
                )
                services.close(convenor_access, note)
