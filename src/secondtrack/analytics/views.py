"""Series-wide aggregates pages. No names leave here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from secondtrack.access.standing import series_grants
from secondtrack.analytics.selectors import series_same_faces
from secondtrack.core.policy import Can
from secondtrack.dialogues.selectors import series_for


@login_required
def same_faces(request: HttpRequest, series_id: int) -> HttpResponse:
    series = series_for(request.user, series_id, need=Can.READ_COMPOSITION)
    exact = series_grants(request.user, series.id).can(Can.CONVENE)
    index = series_same_faces(series, exact=exact)
    return render(request, "analytics/same_faces.html", {"series": series, "index": index})
