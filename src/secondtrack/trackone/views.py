"""Track One pages: the convenor's desk, the uptake dashboard, lineage, the recipient page."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.accounts.throttling import throttle_link
from secondtrack.balloons.models import Balloon
from secondtrack.balloons.selectors import balloon_access
from secondtrack.core import uptake
from secondtrack.reports import rendering
from secondtrack.reports.models import Report
from secondtrack.trackone import selectors, services
from secondtrack.trackone.models import Body, Proposal, Response, Transmission
from secondtrack.trackone.uptake import chain_for_balloon, uptake_for

BAR_SPACE = 360


@login_required
def dashboard(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.watched_series(request.user, series_id)
    seen = uptake_for(request.user, series)
    top = max(seen.funnel.floated, 1)
    bars = [
        (label, shown.label, round(BAR_SPACE * (shown.value or 0) / top), i * 34)
        for i, (label, shown) in enumerate(seen.stages)
    ]
    rows = [(seen.balloons[root], chain) for root, chain in seen.chains.items()]
    context = {"series": series, "stages": seen.stages, "bars": bars, "rows": rows}
    return render(request, "trackone/dashboard.html", context)


@login_required
def funnel_csv(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.watched_series(request.user, series_id)
    seen = uptake_for(request.user, series)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="uptake-series-{series.id}.csv"'
    writer = csv.writer(response)
    writer.writerow(["stage", "proposals"])
    for label, shown in seen.stages:
        writer.writerow([label, shown.label])
    writer.writerow([])
    writer.writerow(["proposal", "versions", "consensus", "transmitted", "taken up", "responses"])
    for root, chain in seen.chains.items():
        responses = "; ".join(
            f"{r.body}: {r.status_label} ({r.on})" for s in chain.sendings for r in s.replies
        )
        writer.writerow(
            [
                seen.balloons[root].title,
                len(chain.versions),
                chain.reached_consensus,
                chain.transmitted,
                chain.taken_up,
                responses,
            ]
        )
    return response


@login_required
def lineage(request: HttpRequest, balloon_id) -> HttpResponse:
    access = balloon_access(request.user, balloon_id)
    chain = chain_for_balloon(access.balloon)
    context = {"balloon": access.balloon, "events": uptake.lineage(chain), "chain": chain}
    return render(request, "trackone/lineage.html", context)


@login_required
def desk(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    memoranda = Report.objects.filter(series=series, kind=Report.Kind.MEMORANDUM).prefetch_related(
        "proposals",
        "versions",
        "versions__transmissions__body",
        "versions__transmissions__responses",
    )
    candidates = Balloon.objects.filter(series=series, outcome=Balloon.Outcome.CONSENSUS).order_by(
        "floated_on"
    )
    context = {
        "series": series,
        "bodies": series.bodies.prefetch_related("contacts"),
        "memoranda": memoranda,
        "candidates": candidates,
        "kinds": Body.Kind.choices,
        "statuses": Response.Status.choices,
    }
    return render(request, "trackone/desk.html", context)


def _done(request: HttpRequest, series_id: int, action) -> HttpResponse:
    try:
        message = action()
    except services.TrackOneError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect("trackone_desk", series_id=series_id)


@login_required
@require_POST
def add_body(request: HttpRequest, series_id: int) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    p = request.POST

    def act() -> str:
        body = services.add_body(series, p.get("name", ""), p.get("kind", ""))
        if p.get("contact_email"):
            services.add_contact(
                body, p.get("contact_name", ""), p["contact_email"], p.get("contact_role", "")
            )
        return f"{body.name} recorded."

    return _done(request, series_id, act)


@login_required
@require_POST
def add_contact(request: HttpRequest, series_id: int, body_id: int) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    body = get_object_or_404(Body, id=body_id, series=series)
    p = request.POST

    def act() -> str:
        services.add_contact(body, p.get("name", ""), p.get("email", ""), p.get("role", ""))
        return f"Contact added to {body.name}."

    return _done(request, series_id, act)


@login_required
@require_POST
def add_proposal(request: HttpRequest, series_id: int, report_id) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    memorandum = get_object_or_404(Report, id=report_id, series=series)
    balloon = get_object_or_404(Balloon, id=request.POST.get("balloon"), series=series)

    def act() -> str:
        services.add_proposal(memorandum, balloon)
        return "Proposal added to the memorandum."

    return _done(request, series_id, act)


@login_required
@require_POST
@require_recent_auth("transmit this memorandum")
def transmit(request: HttpRequest, series_id: int, report_id) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    memorandum = get_object_or_404(Report, id=report_id, series=series)
    body = get_object_or_404(Body, id=request.POST.get("body"), series=series)

    def act() -> str:
        services.transmit(memorandum, body, request.user, request.build_absolute_uri("/"))
        return f"Sent to {body.name}; its contacts received a read-only link."

    return _done(request, series_id, act)


@login_required
@require_POST
def revoke(request: HttpRequest, series_id: int, transmission_id) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    transmission = get_object_or_404(
        Transmission, id=transmission_id, version__report__series=series
    )
    services.revoke(transmission)
    messages.success(request, f"The link sent to {transmission.body.name} no longer works.")
    return redirect("trackone_desk", series_id=series_id)


def _response_from(post, transmission: Transmission, by_recipient: bool) -> Response:
    proposal = Proposal.objects.filter(
        id=post.get("proposal"), memorandum_id=transmission.version.report_id
    ).first()
    if proposal is None:
        raise services.TrackOneError("Choose a proposal of this memorandum.")
    try:
        on = date.fromisoformat(post.get("on")) if post.get("on") else None
    except ValueError:
        raise services.TrackOneError("Give the date as YYYY-MM-DD.") from None
    return services.record_response(
        transmission,
        proposal,
        post.get("status", ""),
        on,
        post.get("note", ""),
        post.get("document_url", ""),
        by_recipient=by_recipient,
    )


@login_required
@require_POST
def respond_for(request: HttpRequest, series_id: int, transmission_id) -> HttpResponse:
    series = selectors.convened_series(request.user, series_id)
    transmission = get_object_or_404(
        Transmission, id=transmission_id, version__report__series=series
    )

    def act() -> str:
        _response_from(request.POST, transmission, by_recipient=False)
        return "Response recorded."

    return _done(request, series_id, act)


@throttle_link
def recipient(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only page a Track One body opens from its e-mail; no account needed."""
    try:
        transmission = selectors.transmission_for_link(token)
    except selectors.LinkUnusable as error:
        return render(request, "trackone/link_error.html", {"error": error}, status=410)
    if request.method == "POST":
        try:
            _response_from(request.POST, transmission, True)
        except services.TrackOneError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your response is recorded."))
        return redirect("trackone_recipient", token=token)
    version = transmission.version
    proposals = version.report.proposals.prefetch_related("responses")
    context = {
        "transmission": transmission,
        "proposals": [
            (p, [r for r in p.responses.all() if r.transmission_id == transmission.id])
            for p in proposals
        ],
        "statuses": Response.Status.choices,
        "version": version,
        "publication": rendering.article(version),
    }
    return render(request, "trackone/recipient.html", context)
