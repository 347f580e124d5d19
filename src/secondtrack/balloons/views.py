"""Balloon pages: float, react, amend, close; the map is a partial refreshed live."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from secondtrack.access.standing import forbid, require
from secondtrack.balloons import export, selectors, services
from secondtrack.balloons.models import Balloon
from secondtrack.balloons.opinion import opinion_map
from secondtrack.balloons.pseudonyms import pseudonym_tag
from secondtrack.core.policy import Can


def _refuse(request: HttpRequest, balloon_id, error: services.BalloonError) -> HttpResponse:
    forbid(error)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": str(error)}, status=error.status)
    messages.error(request, str(error))
    return redirect("balloon", balloon_id=balloon_id)


def _balloon_list(request: HttpRequest, standing: selectors.Standing) -> HttpResponse:
    if request.method == "POST":
        try:
            floated = services.float_balloon(standing, request.POST.get("text", ""))
        except services.BalloonError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        return render(request, "balloons/receipt.html", {"floated": floated})
    balloons = selectors.balloons_of(standing).prefetch_related("statements")
    context = {"standing": standing, "access": standing, "balloons": balloons}
    return render(request, "balloons/list.html", context)


@login_required
def meeting_balloons(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _balloon_list(request, selectors.member_access(request.user, meeting_id))


@login_required
def series_balloons(request: HttpRequest, series_id: int) -> HttpResponse:
    """Balloons floated across the whole series, for members of any of its meetings."""
    return _balloon_list(request, selectors.series_access(request.user, series_id))


def _map_context(access: selectors.BalloonAccess, show_all: bool = False) -> dict:
    balloon = access.balloon
    if balloon.status == Balloon.Status.CLOSED and balloon.final_map is not None:
        final = balloon.final_map
        shown = final if show_all or "top" not in final else {**final, **final["top"]}
        return {"map": shown, "balloon": balloon, "points": final["points"], "show_all": show_all}
    current = opinion_map(balloon)
    me = None
    if access.person_id is not None:
        tag = pseudonym_tag(balloon, access.person_id)
        mine = balloon.pseudonyms.filter(tag=tag).first() if tag else None
        me = str(mine.id) if mine else None
    return {
        "map": current.public(all_items=show_all),
        "balloon": balloon,
        "points": current.points(me),
        "show_all": show_all,
        "computed_at": current.computed_at,
    }


def _show_all(request: HttpRequest) -> bool:
    return request.GET.get("all") in ("1", "true")


@login_required
def balloon_detail(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    balloon = access.balloon
    votes = services.my_votes(access)
    ordered = sorted(balloon.statements.all(), key=lambda s: (s.kind != "proposal", s.kind))
    statements = [(s, votes.get(str(s.id))) for s in ordered]
    _endorsements(access, ordered)
    previous = balloon.previous
    context = {
        "access": access,
        "balloon": balloon,
        "standing": access.standing,
        "statements": statements,
        "previous_support": previous and opinion_map(previous).support,
        "next_version": Balloon.objects.filter(previous=balloon).first(),
        **_map_context(access, _show_all(request)),
    }
    return render(request, "balloons/detail.html", context)


@login_required
def balloon_map(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    return render(request, "balloons/_map.html", _map_context(access, _show_all(request)))


@login_required
@require_POST
def react(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        services.react(access, request.POST.get("statement"), request.POST.get("vote"))
    except services.BalloonError as error:
        return _refuse(request, balloon_id, error)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": True})
    return redirect("balloon", balloon_id=balloon_id)


@login_required
@require_POST
def add_statement(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        services.add_statement(access, request.POST.get("text", ""), request.POST.get("kind", ""))
    except services.BalloonError as error:
        return _refuse(request, balloon_id, error)
    return redirect("balloon", balloon_id=balloon_id)


@login_required
@require_POST
def amend(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    try:
        floated = services.float_balloon(
            access.standing, request.POST.get("text", ""), previous=access.balloon
        )
    except services.BalloonError as error:
        return _refuse(request, balloon_id, error)
    return render(request, "balloons/receipt.html", {"floated": floated})


@login_required
@require_POST
def close(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    require(access.standing.grants, Can.CONVENE, "balloon")
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Tick the box to confirm: closing cannot be undone."))
        return redirect("balloon", balloon_id=balloon_id)
    try:
        services.close_balloon(access, request.POST.get("outcome", ""))
    except services.BalloonError as error:
        return _refuse(request, balloon_id, error)
    messages.success(request, _("The balloon is closed; its map is final."))
    return redirect("balloon", balloon_id=balloon_id)


@login_required
@require_POST
def check_receipt(request: HttpRequest, balloon_id) -> HttpResponse:
    access = selectors.balloon_access(request.user, balloon_id)
    if services.verify_receipt(access.balloon, request.POST.get("receipt", "")):
        messages.success(request, _("This receipt matches: its holder floated this balloon."))
    else:
        messages.error(request, _("This receipt does not match this balloon."))
    return redirect("balloon", balloon_id=balloon_id)


@dataclass
class _Endorsement:
    can: bool  # the caller may press the button
    mine: bool
    names: list[str]


def _endorsements(access: selectors.BalloonAccess, statements: list) -> None:
    """Attach to each statement that reached consensus what its endorsement cell shows."""
    mine = services.my_endorsements(access)
    open_to_change = access.can_react and not services.transmitted(access.balloon)
    for s in statements:
        names = selectors.named_endorsers(s)
        agreed = services.reached_consensus(s)
        if agreed or names:
            s.endorsement = _Endorsement(agreed and open_to_change, str(s.id) in mine, names)


@login_required
@require_POST
def endorse(request: HttpRequest, balloon_id, statement_id) -> HttpResponse:
    """Endorse by name, or withdraw (``endorse=0``); htmx gets the cell back."""
    access = selectors.balloon_access(request.user, balloon_id)
    error = None
    try:
        if request.POST.get("endorse") == "0":
            services.withdraw_endorsement(access, statement_id)
        else:
            services.endorse(access, statement_id)
    except services.BalloonError as refused:
        if not request.headers.get("HX-Request"):
            return _refuse(request, balloon_id, refused)
        forbid(refused)
        error = str(refused)
    if not request.headers.get("HX-Request"):
        return redirect("balloon", balloon_id=balloon_id)
    statement = access.balloon.statements.get(id=statement_id)
    _endorsements(access, [statement])
    cell = getattr(statement, "endorsement", _Endorsement(False, False, []))
    context = {
        "balloon": access.balloon,
        "s": statement,
        "can_endorse": cell.can,
        "endorsed": cell.mine,
        "endorsers": cell.names,
        "endorse_error": error,
    }
    return render(request, "balloons/_endorse.html", context)


@login_required
def export_csv(request: HttpRequest, balloon_id, name: str) -> HttpResponse:
    """votes.csv or comments.csv in Polis's format, for convenors."""
    access = selectors.balloon_access(request.user, balloon_id)
    require(access.standing.grants, Can.CONVENE, "balloon")
    body = (
        export.votes_csv(access.balloon) if name == "votes" else export.comments_csv(access.balloon)
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def export_votes(request: HttpRequest, balloon_id) -> HttpResponse:
    return export_csv(request, balloon_id, "votes")


def export_comments(request: HttpRequest, balloon_id) -> HttpResponse:
    return export_csv(request, balloon_id, "comments")
