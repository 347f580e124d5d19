"""A series' breach log (design §5): recorded by its convenors, seen by them alone (404 to
everyone else, as core/policy.known_by("breach_log") says), shown again when the person is
invited in the series, never exported with the registry."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secondtrack.access.standing import require, series_grants
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Participation, Series
from secondtrack.registry.models import Breach, Person
from secondtrack.registry.selectors import series_breaches


def breach_log_of(user, series_id: int) -> Series:
    """The series, for one of its convenors; 404 for everyone else."""
    require(series_grants(user, series_id), Can.CONVENE, "series", known_by=Can.CONVENE)
    return Series.objects.get(id=series_id)


def people_of(series: Series):
    """Everyone asked to a meeting of the series: whom a breach can be recorded against."""
    ids = Participation.objects.filter(meeting__series=series).values("person_id")
    return Person.objects.filter(id__in=ids).order_by("name")


class BreachForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none())
    what = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="What happened (e.g. quoted a named participant to the press), without"
        " repeating what anyone said.",
    )
    occurred = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), help_text="YYYY-MM-DD"
    )

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(series)

    def clean_occurred(self):
        value = self.cleaned_data["occurred"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Give the day it happened, not a future date."))
        return value


def record_breach(series: Series, by, person: Person, what: str, occurred) -> Breach:
    if not people_of(series).filter(id=person.id).exists():
        raise ValueError("That person was never asked to a meeting of this series.")
    return Breach.objects.create(
        series=series, person=person, what=what.strip(), occurred=occurred, recorded_by=by
    )


@login_required
@require_http_methods(["GET", "POST"])
def breach_log(request: HttpRequest, series_id: int) -> HttpResponse:
    series = breach_log_of(request.user, series_id)
    form = BreachForm(request.POST or None, series=series)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_breach(series, request.user, data["person"], data["what"], data["occurred"])
        messages.success(request, _("Breach recorded. It is shown when they are invited again."))
        return redirect("breach_log", series_id=series.id)
    context = {"series": series, "breaches": series_breaches(series), "form": form}
    return render(request, "registry/breaches.html", context)
