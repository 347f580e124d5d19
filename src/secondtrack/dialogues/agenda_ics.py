"""The agenda as iCalendar (RFC 5545), built with the `icalendar` package.

One VEVENT per timed session, in the meeting's own time zone with its VTIMEZONE. Only
what the policy's `know` covers: titles, times, place, room and the rule. No content and
no participant names, not even the facilitator's.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from secondtrack.dialogues.models import Meeting
from secondtrack.dialogues.timetable import zone_of


def agenda_ics(meetings: Iterable[Meeting], name: str = "secondtrack agenda") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//secondtrack//agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        for session in meeting.sessions.filter(starts__isnull=False):
            cal.add_component(_event(meeting, session, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(meeting: Meeting, session, stamp) -> Event:
    zone = zone_of(meeting)
    event = Event()
    event.add("uid", f"session-{session.id}@{_host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(session.starts, zone))
    event.add("dtend", timezone.localtime(session.ends, zone))
    event.add("summary", f"{session.title} ({session.get_rule_display()})")
    where = ", ".join(part for part in (meeting.place, session.room) if part)
    if where:
        event.add("location", where)
    event.add("description", f"{meeting.title}. Rule: {session.spec.label}.")
    return event


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return hosts[0].lstrip(".") if hosts else "secondtrack"
