"""The timetable of a meeting: scheduling, editing, removing and opening sessions.

A session with a start in the future is *scheduled*; it opens when it starts (or when a
convenor opens it) and closes at its end (or when a convenor closes it). There is no
background worker for this: `record.due.open_and_close_due` runs on every read of the
meeting page, the session page, the sessions API and every post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secondtrack.audit.services import current_actor, record
from secondtrack.dialogues.models import Meeting, Participation, RuleLocked, Session
from secondtrack.notifications.services import notify_session_open
from secondtrack.registry.models import Person

MAX_MINUTES = 24 * 60

# Fields a convenor may set on a session, and their defaults for a new one.
FIELDS = ("title", "rule", "starts", "duration_minutes", "room", "facilitator", "position")


class SessionStarted(ValidationError):
    """Removing or re-opening a session that has already started."""


def clean_title(title: object) -> str:
    title = (title if isinstance(title, str) else "").strip()
    if not title:
        raise ValidationError("A session needs a title: the agenda item it covers.")
    if len(title) > 300:
        raise ValidationError("The title is longer than 300 characters.")
    return title


def clean_rule(rule: object) -> str:
    if rule not in Session.Rule.values:
        raise ValidationError(
            f"{rule!r} is not a session rule; use one of {', '.join(Session.Rule.values)}."
        )
    return str(rule)


def clean_starts(starts: object) -> datetime | None:
    if starts is None:
        return None
    if not isinstance(starts, datetime) or timezone.is_naive(starts):
        raise ValidationError("Give the start with its UTC offset, e.g. 2027-01-19T09:00+09:00.")
    return starts


def clean_duration(minutes: object) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(f"A session lasts from 1 to {MAX_MINUTES} minutes.")
    return minutes


def meeting_members(meeting: Meeting):
    """People who may facilitate: members of the meeting (accepted or attended)."""
    return Person.objects.filter(
        participations__meeting=meeting,
        participations__status__in=Participation.MEMBER_STATUSES,
    ).order_by("name")


def clean_facilitator(meeting: Meeting, person: object) -> Person | None:
    if person in (None, ""):
        return None
    person_id = person.id if isinstance(person, Person) else person
    found = meeting_members(meeting).filter(id=_int(person_id)).first()
    if found is None:
        raise ValidationError("The facilitator must be a member of this meeting.")
    return found


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not the id of a person.") from None


def _cleaned(meeting: Meeting, fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown session fields: {', '.join(sorted(unknown))}.")
    cleaners = {
        "title": clean_title,
        "rule": clean_rule,
        "starts": clean_starts,
        "duration_minutes": clean_duration,
        "room": lambda v: (v or "").strip()[:200],
        "facilitator": lambda v: clean_facilitator(meeting, v),
        "position": lambda v: max(0, int(v)),
    }
    return {name: cleaners[name](value) for name, value in fields.items()}


def status_for(starts: datetime | None) -> str:
    """A new session with a future start waits; one without a start opens at once."""
    if starts is not None and starts > timezone.now():
        return Session.Status.SCHEDULED
    return Session.Status.OPEN


@transaction.atomic
def schedule_session(meeting: Meeting, **fields: object) -> Session:
    """Add a session to the timetable (convenors; the caller checked the access)."""
    data = _cleaned(meeting, fields)
    data.setdefault("position", meeting.sessions.count())
    data["status"] = status_for(data.get("starts"))
    session = Session.objects.create(meeting=meeting, **data)
    detail = f"session {session.id} in meeting {meeting.id}, {session.rule}"
    record(
        current_actor(), "session_created", series=meeting.series_id, target=session, detail=detail
    )
    return session


@transaction.atomic
def edit_session(session: Session, **fields: object) -> Session:
    """Change a session's timetable entry; its rule only until it starts."""
    session = Session.objects.select_for_update().get(id=session.id)
    data = _cleaned(session.meeting, fields)
    if "rule" in data and data["rule"] != session.rule and session.rule_locked:
        raise RuleLocked(RuleLocked.SENTENCE)
    if "rule" in data and data["rule"] != session.rule:
        detail = f"session {session.id}: {session.rule} to {data['rule']}"
        series = session.meeting.series_id
        record(current_actor(), "rule_changed", series=series, target=session, detail=detail)
    for name, value in data.items():
        setattr(session, name, value)
    was = session.status
    if session.status == Session.Status.SCHEDULED:
        session.status = status_for(session.starts)
    session.save()
    if was == Session.Status.SCHEDULED and session.status == Session.Status.OPEN:
        notify_session_open(session)  # moved to a start already past: it opens now
    return session


@transaction.atomic
def remove_session(session: Session) -> None:
    session = Session.objects.select_for_update().get(id=session.id)
    if session.started:
        raise SessionStarted(
            "This session has started: it can no longer be removed. Close it instead."
        )
    session.delete()


@transaction.atomic
def open_session(session: Session) -> Session:
    """A convenor opens a scheduled session now, before its start."""
    session = Session.objects.select_for_update().get(id=session.id)
    if session.status != Session.Status.SCHEDULED:
        raise SessionStarted(f"This session is already {session.status}.")
    session.status = Session.Status.OPEN
    session.save(update_fields=["status"])
    notify_session_open(session)  # mailed to the room once this commits
    return session


@dataclass(frozen=True)
class Slot:
    """One session as the timetable shows it: times in the meeting's zone."""

    session: Session
    starts: datetime | None
    ends: datetime | None

    @property
    def can_remove(self) -> bool:
        return not self.session.started


def zone_of(meeting: Meeting) -> ZoneInfo:
    return ZoneInfo(meeting.time_zone or "UTC")


def slots(meeting: Meeting, sessions) -> list[Slot]:
    zone = zone_of(meeting)
    return [
        Slot(
            s,
            timezone.localtime(s.starts, zone) if s.starts else None,
            timezone.localtime(s.ends, zone) if s.ends else None,
        )
        for s in sessions
    ]
