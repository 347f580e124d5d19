"""API for the timetable (design §5): sessions with times, rooms and facilitators; the
rule lock; opening early; the agenda as iCalendar."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import CreatedOut, DetailOut, Rule, SessionStatus
from secondtrack.core.policy import Can
from secondtrack.dialogues import selectors, services, timetable
from secondtrack.dialogues.agenda_ics import agenda_ics
from secondtrack.dialogues.models import RuleLocked, Session
from secondtrack.dialogues.timetable_selectors import timetable_session
from secondtrack.record.due import open_and_close_due

router = Router(tags=["timetable"])


class TimetableSessionOut(Schema):
    id: int
    title: str
    rule: Rule
    status: SessionStatus
    starts: datetime | None
    ends: datetime | None
    duration_minutes: int
    room: str
    facilitator: int | None = Field(description="the facilitating member's person id")
    position: int
    rule_locked: bool


class SessionIn(Schema):
    title: str
    rule: Rule
    starts: datetime | None = Field(None, description="ISO 8601 with its UTC offset")
    duration_minutes: int = Field(60, ge=1, le=timetable.MAX_MINUTES)
    room: str = Field("", max_length=200)
    facilitator: int | None = None
    position: int | None = Field(None, ge=0, le=10_000)


class SessionPatch(Schema):
    title: str | None = None
    rule: Rule | None = None
    starts: datetime | None = None
    duration_minutes: int | None = Field(None, ge=1, le=timetable.MAX_MINUTES)
    room: str | None = Field(None, max_length=200)
    facilitator: int | None = None
    position: int | None = Field(None, ge=0, le=10_000)


def _out(session: Session) -> dict:
    return {
        "id": session.id,
        "title": session.title,
        "rule": session.rule,
        "status": session.status,
        "starts": session.starts,
        "ends": session.ends,
        "duration_minutes": session.duration_minutes,
        "room": session.room,
        "facilitator": session.facilitator_id,
        "position": session.position,
        "rule_locked": session.rule_locked,
    }


def _locked_is_409(call):
    try:
        return call()
    except RuleLocked as error:
        raise ApiError(409, error.messages[0], "rule_locked") from None
    except timetable.SessionStarted as error:
        raise ApiError(409, error.messages[0]) from None


@router.get(
    "/meetings/{id:meeting_id}/sessions",
    response={200: list[TimetableSessionOut], **refusals(404)},
)
def list_sessions(request: HttpRequest, meeting_id: int):
    """The timetable, in order; times are UTC (the meeting's zone is the meeting's
    `time_zone`)."""
    access = selectors.meeting_access(request.user, meeting_id)
    open_and_close_due(access.meeting)
    return [_out(s) for s in selectors.meeting_sessions(access)]


@router.post(
    "/meetings/{id:meeting_id}/sessions",
    response={201: CreatedOut, **refusals(403, 404, body=True)},
)
def create_session(request: HttpRequest, meeting_id: int, payload: SessionIn):
    """Convenors add a session; with a future `starts` it is `scheduled` until then."""
    access = selectors.convened_meeting(request.user, meeting_id)
    fields = payload.dict(exclude_none=True)
    title, rule = fields.pop("title"), fields.pop("rule")
    session = services.add_session(access.meeting, title, rule, **fields)
    return Status(201, {"id": session.id})


@router.patch(
    "/sessions/{id:session_id}",
    response={200: TimetableSessionOut, **refusals(403, 404, 409, body=True)},
)
def edit_session(request: HttpRequest, session_id: int, payload: SessionPatch):
    """Change the timetable entry; a changed rule after the start is refused with 409."""
    session = timetable_session(request.user, session_id, need=Can.CONVENE)
    fields = payload.dict(exclude_unset=True)
    if fields.get("rule") is not None and fields["rule"] != session.rule:
        _locked_is_409(lambda: services.change_rule(session, fields["rule"]))
    fields.pop("rule", None)
    for required in ("title", "duration_minutes", "position"):
        if required in fields and fields[required] is None:
            raise ApiError(422, f"{required} cannot be null; leave it out to keep it.")
    session = _locked_is_409(lambda: timetable.edit_session(session, **fields))
    return _out(session)


@router.delete(
    "/sessions/{id:session_id}",
    response={200: DetailOut, **refusals(403, 404, 409)},
)
def remove_session(request: HttpRequest, session_id: int):
    """Remove a session from the timetable, until it starts (409 afterwards)."""
    session = timetable_session(request.user, session_id, need=Can.CONVENE)
    _locked_is_409(lambda: timetable.remove_session(session))
    return {"detail": "The session is removed from the timetable."}


@router.post(
    "/sessions/{id:session_id}/open",
    response={200: TimetableSessionOut, **refusals(403, 404, 409)},
)
def open_session(request: HttpRequest, session_id: int):
    """Convenors open a scheduled session now, before its start (409 if not scheduled)."""
    session = timetable_session(request.user, session_id, need=Can.CONVENE)
    return _out(_locked_is_409(lambda: timetable.open_session(session)))


@router.get(
    "/meetings/{id:meeting_id}/agenda.ics",
    response=refusals(404),  # 200 is text/calendar, declared below
    openapi_extra={
        "responses": {"200": {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def agenda(request: HttpRequest, meeting_id: int):
    """The timetable as iCalendar: titles, times, place, room and rule; nothing said."""
    access = selectors.meeting_access(request.user, meeting_id, need=Can.KNOW)
    body = agenda_ics([access.meeting])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting_id}.ics"'
    return response
