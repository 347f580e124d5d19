"""Pages of the convenor's desk: series and meetings set up from the browser.

Every view asks a selector first (``series_for``, ``convened_meeting``) or the series
creation rule (``access.standing.require_may_create_series``); the writes are desk.py's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from secondtrack.access.standing import require_may_create_series
from secondtrack.analytics.selectors import track_preview
from secondtrack.core.policy import Can
from secondtrack.dialogues import desk, selectors
from secondtrack.dialogues.forms import CloneForm, MeetingForm, SeriesForm, known_time_zones
from secondtrack.dialogues.models import Meeting

GET_POST = require_http_methods(["GET", "POST"])


@login_required
@GET_POST
def new_series(request: HttpRequest) -> HttpResponse:
    require_may_create_series(request.user)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = desk.create_series(request.user, **form.cleaned_data)
        messages.success(request, _("Series created: you are its convenor. Add its first meeting."))
        return redirect("series", series_id=series.id)
    return render(request, "dialogues/desk/series_form.html", {"form": form, "series": None})


@login_required
@GET_POST
def edit_series(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.series_for(request.user, series_id, need=Can.CONVENE)
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        desk.edit_series(series, form.cleaned_data)
        messages.success(request, _("Series saved."))
        return redirect("series", series_id=series.id)
    return render(request, "dialogues/desk/series_form.html", {"form": form, "series": series})


def _preview_context(form: MeetingForm, saved: Meeting | None) -> dict:
    """The track the form's values would give, computed by analytics (never here)."""
    proposed = Meeting(
        agenda_set_by=form["agenda_set_by"].value() or "",
        invitations_routed=form["invitations_routed"].value() or "",
        outputs_to_track_one=bool(form["outputs_to_track_one"].value()),
        claimed_track=form["claimed_track"].value() or "",
    )
    if saved is not None:
        proposed.starts = saved.starts
        saved = selectors.meetings_with_people(Meeting.objects.filter(id=saved.id)).get()
    return {"preview": track_preview(proposed, saved), "claimed": proposed.claimed_track}


def _form_page(request, form, *, series, meeting=None, parent=None, action, preview_url):
    context = {
        "form": form,
        "series": series,
        "meeting": meeting,
        "parent": parent,
        "action": action,
        "preview_url": preview_url,
        "time_zones": known_time_zones(),
        **_preview_context(form, meeting),
    }
    return render(request, "dialogues/desk/meeting_form.html", context)


def _initial_from(meeting: Meeting) -> dict:
    """A side meeting starts from its main meeting's dates, place and zone."""
    fields = ("starts", "ends", "place", "country", "time_zone", "listing_policy")
    return {f: getattr(meeting, f) for f in fields} | {"parent": meeting.id}


@login_required
@GET_POST
def new_meeting(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.series_for(request.user, series_id, need=Can.CONVENE)
    form = MeetingForm(request.POST or None, series=series)
    if request.method == "POST" and form.is_valid():
        meeting = desk.save_meeting(form)
        messages.success(request, _("Meeting created. Add its sessions and invite its members."))
        return redirect("meeting", meeting_id=meeting.id)
    return _form_page(
        request,
        form,
        series=series,
        action=request.path,
        preview_url=reverse("desk_new_meeting_track", args=[series.id]),
    )


@login_required
@GET_POST
def add_side_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    parent = selectors.convened_meeting(request.user, meeting_id).meeting
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data["parent"] = str(parent.id)  # the page's meeting, whatever the input says
    form = MeetingForm(data, series=parent.series, initial=_initial_from(parent))
    if data is not None and form.is_valid():
        meeting = desk.save_meeting(form)
        messages.success(request, _("Side meeting created, with a membership of its own."))
        return redirect("meeting", meeting_id=meeting.id)
    return _form_page(
        request,
        form,
        series=parent.series,
        parent=parent,
        action=request.path,
        preview_url=reverse("desk_new_meeting_track", args=[parent.series_id]),
    )


@login_required
@GET_POST
def edit_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.convened_meeting(request.user, meeting_id).meeting
    form = MeetingForm(request.POST or None, instance=meeting, series=meeting.series)
    if request.method == "POST" and form.is_valid():
        desk.save_meeting(form)
        messages.success(request, _("Meeting saved."))
        return redirect("meeting", meeting_id=meeting.id)
    saved = Meeting.objects.get(id=meeting.id)  # the stored values, not the form's
    return _form_page(
        request,
        form,
        series=meeting.series,
        meeting=saved,
        action=request.path,
        preview_url=reverse("desk_meeting_track", args=[meeting.id]),
    )


@login_required
@require_POST
def new_meeting_track(request: HttpRequest, series_id: int) -> HttpResponse:
    """htmx: the track the new meeting's form would give (nobody is at its table yet)."""
    series = selectors.series_for(request.user, series_id, need=Can.CONVENE)
    form = MeetingForm(request.POST, series=series)
    return render(request, "dialogues/desk/_track_preview.html", _preview_context(form, None))


@login_required
@require_POST
def meeting_track(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """htmx: the track the edited values would give, with the meeting's own table."""
    meeting = selectors.convened_meeting(request.user, meeting_id).meeting
    form = MeetingForm(request.POST, instance=meeting, series=meeting.series)
    return render(request, "dialogues/desk/_track_preview.html", _preview_context(form, meeting))


@login_required
@GET_POST
def clone_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    source = selectors.convened_meeting(request.user, meeting_id).meeting
    form = CloneForm(request.POST or None, initial={"place": source.place})
    if request.method == "POST" and form.is_valid():
        meeting = desk.clone_meeting(source, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Meeting cloned: sessions copied and the invitation list kept as drafts. "
                "Nobody has been invited yet."
            ),
        )
        return redirect("meeting", meeting_id=meeting.id)
    return render(request, "dialogues/desk/clone.html", {"form": form, "source": source})


@login_required
@require_POST
def invite_draft(request: HttpRequest, meeting_id: int, person_id: int) -> HttpResponse:
    access = selectors.convened_meeting(request.user, meeting_id)
    draft = selectors.participation_in(access, person_id)
    try:
        invitation = desk.invite_draft(
            draft, invited_by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:  # not on the draft list, no address, already a member
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Invitation sent to {invitation.email}.")
    return redirect("meeting", meeting_id=meeting_id)
