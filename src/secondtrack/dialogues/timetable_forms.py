"""The timetable form: a start typed in the meeting's own time zone."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from secondtrack.dialogues import timetable
from secondtrack.dialogues.models import Meeting, Session


class SessionTimetableForm(forms.Form):
    title = forms.CharField(max_length=300, label=_("Agenda item"))
    rule = forms.ChoiceField(choices=Session.Rule.choices, label=_("Rule"))
    starts = forms.DateTimeField(
        required=False,
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        min_value=1, max_value=timetable.MAX_MINUTES, initial=60, label=_("Minutes")
    )
    room = forms.CharField(max_length=200, required=False, label=_("Room"))
    facilitator = forms.ModelChoiceField(queryset=None, required=False, label=_("Facilitator"))
    position = forms.IntegerField(min_value=0, required=False, label=_("Order"))

    def __init__(self, *args, meeting: Meeting, session: Session | None = None, **kwargs):
        self.meeting = meeting
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(meeting, session)
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = timetable.meeting_members(meeting)
        self.fields["starts"].help_text = _("In the meeting's time zone, %(zone)s.") % {
            "zone": meeting.time_zone
        }
        if session is not None and session.rule_locked:
            self.fields["rule"].disabled = True
            self.fields["rule"].help_text = _("Locked: the session has started.")

    def clean_starts(self) -> datetime | None:
        starts = self.cleaned_data.get("starts")
        if starts is None:
            return None
        naive = starts.replace(tzinfo=None)  # typed as the venue's wall clock
        return naive.replace(tzinfo=timetable.zone_of(self.meeting))

    def timetable_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("position") is None:
            data.pop("position", None)
        if self.fields["rule"].disabled:
            data.pop("rule", None)
        return data


def _initial(meeting: Meeting, session: Session) -> dict:
    zone = timetable.zone_of(meeting)
    starts = session.starts.astimezone(zone).replace(tzinfo=None) if session.starts else None
    return {
        "title": session.title,
        "rule": session.rule,
        "starts": starts,
        "duration_minutes": session.duration_minutes,
        "room": session.room,
        "facilitator": session.facilitator_id,
        "position": session.position,
    }
