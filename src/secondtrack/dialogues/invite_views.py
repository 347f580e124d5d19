"""The invite page: search the registry, pick a person or create one, and see the room as
it would be if every open invitation were accepted, against the delegation targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secondtrack.dialogues import selectors, services
from secondtrack.dialogues.forms import InviteExistingForm, NewPersonForm
from secondtrack.dialogues.inviting import invite_view
from secondtrack.registry import services as registry
from secondtrack.registry.models import Person
from secondtrack.registry.selectors import search_people


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    access = selectors.convened_meeting(request.user, meeting_id)
    meeting = access.meeting
    query = request.GET.get("q", "")[:200]
    posted = request.method == "POST"
    picking = posted and request.POST.get("action") == "pick"
    new_form = NewPersonForm(request.POST if posted and not picking else None)
    pick_form = InviteExistingForm(request.POST if picking else None)
    done = None
    if request.method == "POST" and request.POST.get("action") == "pick":
        done = _invite_existing(request, meeting, pick_form)
    elif request.method == "POST":
        done = _invite_new(request, meeting, new_form)
        query = query or request.POST.get("name", "")
    if done:
        messages.success(request, done)
        return redirect("meeting", meeting_id=meeting.id)
    context = {
        "meeting": meeting,
        "view": invite_view(request.user, meeting, query),
        "form": new_form,
        "pick_form": pick_form,
        "searched": bool(query.strip()),
    }
    return render(request, "dialogues/invite.html", context)


def _invite_existing(request: HttpRequest, meeting, form: InviteExistingForm) -> str | None:
    if not form.is_valid():
        return None
    person = Person.objects.filter(id=form.cleaned_data["person"]).first()
    if person is None:
        form.add_error(None, _("That person is no longer in the registry: search again."))
        return None
    email = form.cleaned_data["email"] or person.email
    if not email:
        form.add_error("email", _("The registry has no e-mail for this person: enter one."))
        return None
    try:
        services.invite_participant(
            meeting=meeting,
            invited_by=request.user,
            email=email,
            name=person.name,
            capacity=form.cleaned_data["capacity"],
            role=form.cleaned_data["role"],
            person=person,
            base_url=request.build_absolute_uri("/"),
            address_from_registry=not form.cleaned_data["email"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return _("Invitation sent to %(name)s.") % {"name": person.name}


def _invite_new(request: HttpRequest, meeting, form: NewPersonForm) -> str | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    existing = Person.objects.filter(email=data["email"].strip().lower()).first()
    found = search_people(request.user, data["name"], meeting)
    if existing is None and found and not data["none_match"]:
        form.add_error(
            None,
            _(
                "The registry already has people of this name (listed below). Invite one of"
                " them, or tick “None of the people found is this person” to add someone new."
            ),
        )
        return None
    try:
        with transaction.atomic():  # no new registry entry without its invitation
            person = existing or registry.create_person(
                name=data["name"],
                email=data["email"],
                country=data["country"],
                organisation=data["organisation"],
                organisation_kind=data["organisation_kind"],
                job_title=data["job_title"],
            )
            services.invite_participant(
                meeting=meeting,
                invited_by=request.user,
                email=data["email"],
                name=data["name"],
                capacity=data["capacity"],
                role=data["role"],
                person=person,
                base_url=request.build_absolute_uri("/"),
            )
    except ValidationError as error:
        form.add_error("email", error)
        return None
    return _("Invitation sent to %(email)s.") % {"email": data["email"]}
