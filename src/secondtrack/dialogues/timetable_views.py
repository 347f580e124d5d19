"""Timetable pages: htmx partials on the meeting page, full pages without JavaScript.

Every view asks a selector first; the writes are the timetable services'.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from secondtrack.accounts import calendar
from secondtrack.core.policy import Can
from secondtrack.dialogues import selectors, services, timetable
from secondtrack.dialogues.agenda_ics import agenda_ics
from secondtrack.dialogues.selectors import MeetingAccess
from secondtrack.dialogues.timetable_forms import SessionTimetableForm
from secondtrack.dialogues.timetable_selectors import session_with_access
from secondtrack.record.due import open_and_close_due

PARTIAL = "dialogues/timetable/_timetable.html"


def context(request: HttpRequest, access: MeetingAccess, form=None, **extra) -> dict:
    """What the timetable partial needs; the meeting page merges it into its own."""
    meeting = access.meeting
    sessions = selectors.meeting_sessions(access).select_related("facilitator")
    out = {
        "access": access,
        "meeting": meeting,
        "slots": timetable.slots(meeting, sessions),
        "timetable_form": (form or SessionTimetableForm(meeting=meeting))
        if access.is_convenor
        else None,
        "calendar_link": calendar.CalendarLink.objects.filter(user=request.user).first(),
    }
    out.update(extra)
    return out


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _answer(request: HttpRequest, access: MeetingAccess, sentence: str, **extra) -> HttpResponse:
    if _is_htmx(request):
        return render(request, PARTIAL, context(request, access, notice=sentence, **extra))
    messages.success(request, sentence)
    return redirect(reverse("meeting", args=[access.meeting.id]) + "#timetable")


def _refuse(request: HttpRequest, access: MeetingAccess, error: ValidationError) -> HttpResponse:
    sentence = " ".join(error.messages)
    if _is_htmx(request):
        return render(request, PARTIAL, context(request, access, problem=sentence))
    messages.error(request, sentence)
    return redirect(reverse("meeting", args=[access.meeting.id]) + "#timetable")


@login_required
@require_POST
def add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = selectors.convened_meeting(request.user, meeting_id)
    form = SessionTimetableForm(request.POST, meeting=access.meeting)
    if not form.is_valid():
        if _is_htmx(request):
            return render(request, PARTIAL, context(request, access, form=form))
        messages.error(request, _form_sentence(form))
        return redirect("meeting", meeting_id=meeting_id)
    fields = form.timetable_fields()
    try:
        services.add_session(access.meeting, fields.pop("title"), fields.pop("rule"), **fields)
    except ValidationError as error:
        return _refuse(request, access, error)
    return _answer(request, access, "Session added to the timetable.")


def _form_sentence(form) -> str:
    return " ".join(f"{form[name].label}: {' '.join(errs)}" for name, errs in form.errors.items())


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session, access = session_with_access(request.user, session_id, need=Can.CONVENE)
    form = SessionTimetableForm(  # its own ids: htmx settles elements by id
        request.POST or None, meeting=access.meeting, session=session, auto_id="edit-%s"
    )
    if request.method == "POST" and form.is_valid():
        fields = form.timetable_fields()
        try:
            if "rule" in fields and fields["rule"] != session.rule:
                session = services.change_rule(session, fields["rule"])
            fields.pop("rule", None)
            timetable.edit_session(session, **fields)
        except ValidationError as error:
            return _refuse(request, access, error)
        return _answer(request, access, f"Session “{fields['title']}” saved.")
    page = "_edit_form.html" if _is_htmx(request) else "edit.html"
    context = {"form": form, "session": session, "meeting": access.meeting}
    return render(request, f"dialogues/timetable/{page}", context)


@login_required
@require_POST
def remove(request: HttpRequest, session_id: int) -> HttpResponse:
    session, access = session_with_access(request.user, session_id, need=Can.CONVENE)
    try:
        timetable.remove_session(session)
    except ValidationError as error:
        return _refuse(request, access, error)
    return _answer(request, access, f"Session “{session.title}” removed.")


@login_required
@require_POST
def open_now(request: HttpRequest, session_id: int) -> HttpResponse:
    session, access = session_with_access(request.user, session_id, need=Can.CONVENE)
    try:
        timetable.open_session(session)
    except ValidationError as error:
        return _refuse(request, access, error)
    return _answer(request, access, f"Session “{session.title}” is open.")


@login_required
def meeting_agenda(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting's agenda as an .ics download, for whoever may know the meeting."""
    access = selectors.meeting_access(request.user, meeting_id, need=Can.KNOW)
    open_and_close_due(access.meeting)
    return _ics(agenda_ics([access.meeting], access.meeting.title), f"meeting-{meeting_id}.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def reset_calendar_link(request: HttpRequest) -> HttpResponse:
    """A new subscribe link, shown once (only its hash is kept); the old one stops working."""
    raw = calendar.reset_link(request.user)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[raw]))
    return render(request, "dialogues/timetable/calendar_link.html", {"url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribe link: every meeting its owner may know now, asked of the policy."""
    user = calendar.owner_of(token)
    if user is None:
        raise Http404("No such calendar.")
    meetings = selectors.visible_meetings(user).order_by("starts", "id")
    return _ics(agenda_ics(meetings, "secondtrack: my meetings"), "secondtrack.ics")
