"""Convenors keep registry records right: edit a person or an organisation, merge a
duplicate into a record. Each page asks registry.selectors who may do it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.registry.forms import MergeForm, OrganisationForm, PersonForm
from secondtrack.registry.merge import MergeError, merge_people
from secondtrack.registry.selectors import (
    editable_organisation,
    editable_person,
    merge_candidates,
    person_for,
)


@login_required
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = editable_person(request.user, person_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Record saved."))
        return redirect("person", person_id=person.id)
    context = {
        "person": person,
        "form": form,
        "merge_form": MergeForm(),
        "candidates": merge_candidates(request.user, person),
        "merges": person.merges.all(),
    }
    return render(request, "registry/edit_person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = editable_organisation(request.user, organisation_id)
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation saved."))
        return redirect("edit_organisation", organisation_id=org.id)
    return render(request, "registry/edit_organisation.html", {"org": org, "form": form})


@login_required
@require_POST
@require_recent_auth("merge these people")
def merge_person(request: HttpRequest, person_id: int) -> HttpResponse:
    survivor = editable_person(request.user, person_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the record to merge into this one."))
        return redirect("edit_person", person_id=survivor.id)
    merged = person_for(request.user, form.cleaned_data["merged"])  # 404 unless visible
    try:
        record = merge_people(survivor, merged, by=request.user)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("edit_person", person_id=survivor.id)
    messages.success(
        request,
        _("%(name)s was merged into this record.") % {"name": record.merged_name},
    )
    return redirect("edit_person", person_id=survivor.id)
