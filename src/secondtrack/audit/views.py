from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from secondtrack.audit import selectors


@login_required
def series_audit(request: HttpRequest, series_id: int) -> HttpResponse:
    """What the series' convenors and admins did, newest first."""
    series = selectors.audited_series(request.user, series_id)
    entries = [(e, selectors.actor_label(e)) for e in selectors.entries_for(series, 500)]
    return render(request, "audit/series_audit.html", {"series": series, "entries": entries})
