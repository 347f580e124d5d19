"""Pages for series and meetings. Every view goes through a selector that checks who asks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from secondtrack.access.standing import may_create_series, series_grants
from secondtrack.accounts.throttling import throttle_link
from secondtrack.analytics.selectors import composition_for, meeting_track
from secondtrack.core import officialness, track
from secondtrack.core.policy import Can
from secondtrack.dialogues import selectors, services, timetable_views
from secondtrack.dialogues.forms import AcceptForm, ListingForm, SessionForm
from secondtrack.record.due import open_and_close_due
from secondtrack.reports.selectors import report_access


@login_required
def home(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meetings_with_people(selectors.visible_meetings(request.user))
    rows = [(m, meeting_track(m)) for m in meetings.order_by("-starts")]
    convened = selectors.convened_series(request.user)
    context = {
        "rows": rows,
        "convened": convened,
        "may_create_series": may_create_series(request.user),
    }
    return render(request, "dialogues/home.html", context)


@login_required
def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.series_for(request.user, series_id)
    meetings = selectors.meetings_with_people(
        selectors.visible_meetings(request.user).filter(series=series)
    )
    rows = [(m, meeting_track(m)) for m in meetings]
    granted = series_grants(request.user, series.id)
    proceedings = [
        r
        for r in series.reports.filter(kind="proceedings", meeting__isnull=True)
        if _may_see_report(request.user, r.id)
    ]
    context = {
        "series": series,
        "rows": rows,
        "is_convenor": granted.can(Can.CONVENE),
        "series_grants": granted,
        "proceedings": proceedings,
    }
    return render(request, "dialogues/series.html", context)


def _may_see_report(user, report_id) -> bool:
    try:
        report_access(user, report_id)
    except Http404:
        return False
    return True


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = selectors.meeting_access(request.user, meeting_id)
    open_and_close_due(access.meeting)  # convenor's desk: timetable
    meeting = selectors.meetings_with_people(
        selectors.visible_meetings(request.user).filter(id=meeting_id)
    ).get()
    context = {
        "access": access,
        "meeting": meeting,
        "track": meeting_track(meeting),
        "sessions": selectors.meeting_sessions(access),
        "participants": selectors.participant_list(access) if access.sees_participants else None,
        "composition": composition_for(access) if access.sees_composition else None,
        "listing_form": ListingForm(initial={"listing": access.participation.listing})
        if access.is_member and access.can(Can.CHOOSE_LISTING)
        else None,
        "session_form": SessionForm() if access.is_convenor else None,
        # convenor's desk: the main meeting, side meetings the caller may know, drafts
        "parent_meeting": selectors.visible_meetings(request.user)
        .filter(id=meeting.parent_id)
        .first()
        if meeting.parent_id
        else None,
        "side_meetings": selectors.known_side_meetings(request.user, meeting),
        "drafts": selectors.draft_list(access) if access.is_convenor else None,
    }
    context.update(timetable_views.context(request, access) | {"meeting": meeting})
    return render(request, "dialogues/meeting.html", context)


@login_required
@require_POST
def my_listing(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = selectors.meeting_access(request.user, meeting_id, need=Can.CHOOSE_LISTING)
    form = ListingForm(request.POST)
    if not access.is_member or not form.is_valid():
        messages.error(request, _("Choose one of the listing options."))
        return redirect("meeting", meeting_id=meeting_id)
    services.set_listing(access.participation, form.cleaned_data["listing"])
    messages.success(request, _("Your listing choice is saved."))
    return redirect("meeting", meeting_id=meeting_id)


@login_required
@require_POST
def revoke(request: HttpRequest, meeting_id: int, person_id: int) -> HttpResponse:
    access = selectors.convened_meeting(request.user, meeting_id)
    participation = selectors.participation_in(access, person_id)
    services.revoke_participation(participation, request.user)
    messages.success(request, _("Membership revoked: their open pages were disconnected."))
    return redirect("meeting", meeting_id=meeting_id)


@login_required
@require_POST
def add_session(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = selectors.convened_meeting(request.user, meeting_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        services.add_session(access.meeting, form.cleaned_data["title"], form.cleaned_data["rule"])
        messages.success(request, _("Session added."))
    else:
        messages.error(request, _("A session needs a title and one of the four rules."))
    return redirect("meeting", meeting_id=meeting_id)


@require_http_methods(["GET", "POST"])
@throttle_link
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as error:
        return render(request, "dialogues/invitation_error.html", {"error": error}, status=410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and request.POST.get("decline"):
        services.decline_invitation(token)
        return render(request, "dialogues/invitation_declined.html")
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token, form.cleaned_data["password"])
        except services.InvitationError as error:
            return render(request, "dialogues/invitation_error.html", {"error": error}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("meeting", meeting_id=invitation.participation.meeting_id)
    context = {"form": form, "invitation": invitation, "meeting": invitation.participation.meeting}
    return render(request, "dialogues/accept.html", context)


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    context = {"officialness_rules": officialness.__doc__, "track_rules": track.__doc__}
    return render(request, "dialogues/rules.html", context)
