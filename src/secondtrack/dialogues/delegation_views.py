"""A series' delegation template: how many of each seat per country (core/delegation.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secondtrack.core import delegation
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import DelegationTarget
from secondtrack.dialogues.selectors import series_for


class TargetForm(forms.Form):
    country = forms.CharField(
        max_length=60, required=False, help_text="Two letters; blank for every country."
    )
    category = forms.ChoiceField(choices=delegation.CATEGORIES, label="Seat")
    count = forms.IntegerField(min_value=0, max_value=50)

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip().upper()
        if value and not (len(value) == 2 and value.isalpha()):
            raise forms.ValidationError(_("Write the country as two letters, such as JP."))
        return value


@login_required
@require_http_methods(["GET", "POST"])
def delegation_targets(request: HttpRequest, series_id: int) -> HttpResponse:
    series = series_for(request.user, series_id, need=Can.CONVENE)
    form = TargetForm(request.POST if request.POST.get("action") == "set" else None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        DelegationTarget.objects.filter(series=series, id=request.POST.get("target")).delete()
        messages.success(request, _("Target removed."))
        return redirect("delegation_targets", series_id=series.id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        DelegationTarget.objects.update_or_create(
            series=series,
            country=data["country"],
            category=data["category"],
            defaults={"count": data["count"]},
        )
        messages.success(request, _("Target saved."))
        return redirect("delegation_targets", series_id=series.id)
    context = {"series": series, "targets": series.delegation.all(), "form": form}
    return render(request, "dialogues/delegation.html", context)
