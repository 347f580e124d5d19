"""Writing a meeting plan (core/meeting_plan.py) to the database: all or nothing.

The meeting is the one named by ``meeting = <id>``, else the series' meeting with the
same title, else a new one. Sessions are matched by title: a matched session is updated
(its rule only until it starts), a new title adds one, and sessions of the meeting that
the file no longer names are removed if they have not started (a started one stays).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from secondtrack.core.meeting_plan import MeetingPlan, PlanErrors
from secondtrack.dialogues import timetable
from secondtrack.dialogues.models import Meeting, Series


@dataclass
class PlanResult:
    meeting: Meeting
    created: bool
    added: int = 0
    updated: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # started sessions no longer in the file


def apply_plan(plan: MeetingPlan) -> PlanResult:
    """Create or update the meeting and its timetable; on any problem, write nothing."""
    problems: list[str] = []
    with transaction.atomic():
        result = _write(plan, problems)
        if problems:
            raise PlanErrors(problems)  # rolls the whole plan back
    return result


def _write(plan: MeetingPlan, problems: list[str]) -> PlanResult:
    series = Series.objects.filter(id=plan.series).first()
    if series is None:
        raise PlanErrors([f"series: there is no series {plan.series}"])
    meeting, created = _meeting(plan, series)
    fields = {
        "title": plan.title,
        "place": plan.place,
        "theme": plan.theme,
        "starts": plan.starts,
        "ends": plan.ends,
        "time_zone": plan.time_zone,
    }
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    result = PlanResult(meeting, created)
    existing = {s.title: s for s in meeting.sessions.all()}
    for position, s in enumerate(plan.sessions):
        path = f"sessions[{position + 1}]"
        values = {
            "starts": s.starts,
            "duration_minutes": s.duration_minutes,
            "room": s.room,
            "position": position,
        }
        session = existing.pop(s.title, None)
        try:
            if session is None:
                timetable.schedule_session(meeting, title=s.title, rule=s.rule, **values)
                result.added += 1
                continue
            if s.rule != session.rule and session.rule_locked:
                problems.append(
                    f"{path}.rule: the session '{s.title}' has started under "
                    f"{session.rule}; its rule is locked"
                )
                continue
            timetable.edit_session(session, rule=s.rule, **values)
            result.updated += 1
        except ValidationError as error:
            problems.append(f"{path}: {' '.join(error.messages)}")
    for title, session in existing.items():
        if session.started:
            result.kept.append(title)
        else:
            timetable.remove_session(session)
            result.removed += 1
    return result


def _meeting(plan: MeetingPlan, series: Series) -> tuple[Meeting, bool]:
    if plan.meeting is not None:
        found = Meeting.objects.filter(id=plan.meeting).first()
        if found is None:
            raise PlanErrors([f"meeting: there is no meeting {plan.meeting}"])
        if found.series_id != series.id:
            raise PlanErrors([f"meeting: meeting {plan.meeting} belongs to another series"])
        return found, False
    found = Meeting.objects.filter(series=series, title=plan.title).order_by("id").first()
    if found is not None:
        return found, False
    return Meeting(series=series), True
