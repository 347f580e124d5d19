from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from secondtrack.registry.selectors import editable_people, person_for


def _date_param(request: HttpRequest) -> tuple[date, str]:
    raw = request.GET.get("at", "")
    if raw:
        try:
            return date.fromisoformat(raw), ""
        except ValueError:
            return (
                timezone.localdate(),
                f"{raw!r} is not a date written as YYYY-MM-DD; showing today.",
            )
    return timezone.localdate(), ""


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    when, error = _date_param(request)
    score = person.officialness(when)
    affiliations = sorted(
        person.affiliations.all(), key=lambda a: (not a.active_on(when), a.start or date.min)
    )
    rows = [(a, a.active_on(when)) for a in affiliations]
    context = {
        "person": person,
        "when": when,
        "score": score,
        "rows": rows,
        "date_error": error,
        "can_edit": editable_people(request.user).filter(id=person.id).exists(),
    }
    return render(request, "registry/person.html", context)
