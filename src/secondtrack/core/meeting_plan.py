"""A meeting and its timetable, as a convenor writes it in a TOML file (`secondtrack plan`).

Pure validation: no Django. `read_plan` returns a `MeetingPlan` or raises `PlanErrors`
naming every bad field by its path in the file (``sessions[2].rule: ...``), so one run
reports everything that must be fixed. Writing is `dialogues.plan.apply_plan`'s job.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from secondtrack.core.policy import Rule

MAX_MINUTES = 24 * 60
RULES = [r.value for r in Rule]
MEETING_KEYS = {"meeting", "series", "title", "place", "theme", "starts", "ends", "time_zone"}
SESSION_KEYS = {"title", "rule", "starts", "duration_minutes", "room"}


class PlanErrors(Exception):
    """Every problem of a plan file, each as ``path: sentence``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SessionPlan:
    title: str
    rule: str
    starts: datetime | None
    duration_minutes: int
    room: str


@dataclass(frozen=True)
class MeetingPlan:
    series: int
    title: str
    starts: date
    ends: date
    time_zone: str
    place: str = ""
    theme: str = ""
    meeting: int | None = None  # update this meeting; else match by series and title
    sessions: list[SessionPlan] = field(default_factory=list)


def read_plan(text: str) -> MeetingPlan:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanErrors([f"file: not valid TOML ({error})"]) from None
    return parse_plan(data)


def parse_plan(data: dict[str, Any]) -> MeetingPlan:
    problems: list[str] = []
    check = _Checker(problems)
    for key in sorted(set(data) - MEETING_KEYS - {"sessions"}):
        problems.append(f"{key}: unknown field; use one of {', '.join(sorted(MEETING_KEYS))}")
    series = check.integer(data, "series", "series", required=True)
    meeting = check.integer(data, "meeting", "meeting", required=False)
    title = check.text(data, "title", "title", required=True, limit=300)
    starts = check.day(data, "starts", "starts")
    ends = check.day(data, "ends", "ends")
    if starts and ends and ends < starts:
        problems.append("ends: the meeting ends before it starts")
    zone_name = check.zone(data.get("time_zone", "UTC"), "time_zone")
    raw_sessions = data.get("sessions", [])
    if not isinstance(raw_sessions, list):
        problems.append("sessions: write each session as a [[sessions]] table")
        raw_sessions = []
    zone = ZoneInfo(zone_name) if zone_name else None
    sessions = [
        check.session(s, f"sessions[{i}]", zone, (starts, ends))
        for i, s in enumerate(raw_sessions, start=1)
    ]
    if problems:
        raise PlanErrors(problems)
    assert series is not None and title and starts and ends and zone_name
    return MeetingPlan(
        series=series,
        title=title,
        starts=starts,
        ends=ends,
        time_zone=zone_name,
        place=check.text(data, "place", "place", limit=200) or "",
        theme=check.text(data, "theme", "theme", limit=5000) or "",
        meeting=meeting,
        sessions=[s for s in sessions if s is not None],
    )


@dataclass
class _Checker:
    problems: list[str]

    def integer(self, data: dict[str, Any], key: str, path: str, required: bool) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problems.append(f"{path}: missing; give the id (a whole number)")
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.problems.append(f"{path}: {value!r} is not an id (a whole number)")
            return None
        return value

    def text(
        self, data: dict[str, Any], key: str, path: str, required: bool = False, limit: int = 300
    ) -> str | None:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.problems.append(f"{path}: write it as text in quotes")
            return None
        cleaned = str(value).strip()
        if required and not cleaned:
            self.problems.append(f"{path}: missing; it cannot be empty")
        if len(cleaned) > limit:
            self.problems.append(f"{path}: longer than {limit} characters")
        return cleaned

    def day(self, data: dict[str, Any], key: str, path: str) -> date | None:
        value = data.get(key)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if value is None:
            self.problems.append(f"{path}: missing; write a date such as 2027-01-19")
        else:
            self.problems.append(f"{path}: {value!r} is not a date; write e.g. 2027-01-19")
        return None

    def zone(self, value: object, path: str) -> str | None:
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            self.problems.append(
                f"{path}: {value!r} is not an IANA time zone; write e.g. Asia/Seoul"
            )
            return None
        return str(value)

    def session(
        self,
        raw: object,
        path: str,
        zone: ZoneInfo | None,
        days: tuple[date | None, date | None],
    ) -> SessionPlan | None:
        if not isinstance(raw, dict):
            self.problems.append(f"{path}: write the session as a [[sessions]] table")
            return None
        before = len(self.problems)
        for key in sorted(set(raw) - SESSION_KEYS):
            self.problems.append(
                f"{path}.{key}: unknown field; use one of {', '.join(sorted(SESSION_KEYS))}"
            )
        title = self.text(raw, "title", f"{path}.title", required=True)
        rule = raw.get("rule")
        if rule not in RULES:
            self.problems.append(
                f"{path}.rule: {rule!r} is not a session rule; use one of {', '.join(RULES)}"
            )
        starts = self.start(raw.get("starts"), f"{path}.starts", zone, days)
        minutes = raw.get("duration_minutes", 60)
        if (
            not isinstance(minutes, int)
            or isinstance(minutes, bool)
            or not 1 <= minutes <= MAX_MINUTES
        ):
            self.problems.append(
                f"{path}.duration_minutes: {minutes!r} is not from 1 to {MAX_MINUTES} minutes"
            )
        room = self.text(raw, "room", f"{path}.room", limit=200)
        if len(self.problems) > before:
            return None
        return SessionPlan(str(title), str(rule), starts, int(minutes), room or "")

    def start(
        self,
        value: object,
        path: str,
        zone: ZoneInfo | None,
        days: tuple[date | None, date | None],
    ) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                self.problems.append(f"{path}: {value!r} is not a date and time")
                return None
        if not isinstance(value, datetime):
            kind = "a time without a day" if isinstance(value, time) else repr(value)
            self.problems.append(f"{path}: {kind} is not a date and time; e.g. 2027-01-19T09:00")
            return None
        if value.tzinfo is None:
            if zone is None:
                return None  # the time zone's own error is reported
            value = value.replace(tzinfo=zone)  # the venue's wall clock
        first, last = days
        if zone is not None and first and last:
            local = value.astimezone(zone).date()
            if not first <= local <= last:
                self.problems.append(
                    f"{path}: {local} is outside the meeting's dates ({first} to {last})"
                )
        return value
