"""Session pages. Writes answer JSON to the page's script, or redirect without it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from secondtrack.access.standing import forbid, require
from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.attribution.services import findings_json, scan_as_author
from secondtrack.core.policy import Can
from secondtrack.record import batches, selectors, services
from secondtrack.record.forms import CloseForm
from secondtrack.record.live import event_payload
from secondtrack.record.storage import read_text


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request: HttpRequest, session_id: int, error: services.RecordError) -> HttpResponse:
    forbid(error)
    if _wants_json(request):
        return JsonResponse({"detail": str(error)}, status=error.status)
    messages.error(request, str(error))
    return redirect("session", session_id=session_id)


def _tree(rows: list, access: selectors.SessionAccess) -> list[tuple]:
    """(contribution, text, children) for each top-level contribution, replies nested."""
    children: dict = {}
    for c in rows:
        children.setdefault(c.reply_to_id, []).append(c)

    def node(c) -> tuple:
        return (c, read_text(c, access.session), [node(r) for r in children.get(c.id, [])])

    return [node(c) for c in children.get(None, [])]


def _for_author(access: selectors.SessionAccess, c, kind: str) -> dict:
    """The author's page shows their change from the answer itself: while the contribution
    waits for its batch, no live event reaches anyone."""
    c.refresh_from_db(fields=["released"])
    return event_payload(access.session, kind, c)


@login_required
def session_page(request: HttpRequest, session_id: int) -> HttpResponse:
    access = selectors.session_access(request.user, session_id)
    rows = selectors.session_record(access)
    own = services.mine(access, rows)
    context = {
        "access": access,
        "session": access.session,
        "meeting": access.session.meeting,
        "items": _tree(rows, access),
        "own": own,
        "batched": batches.batched(access.session),
        "batch_size": settings.SECONDTRACK_BATCH_SIZE,
        "close_form": CloseForm() if access.can_close else None,
    }
    return render(request, "record/session.html", context)


@login_required
@require_POST
def contribute(request: HttpRequest, session_id: int) -> HttpResponse:
    access = selectors.session_access(request.user, session_id)
    try:
        posted = services.post(
            access,
            request.POST.get("text", ""),
            reply_to=request.POST.get("reply_to") or None,
            kind=request.POST.get("kind", "contribution"),
            attribute_to_me=request.POST.get("attribute_to_me") == "on",
        )
    except services.RecordError as error:
        return _refuse(request, session_id, error)
    if _wants_json(request):
        body = {
            "id": str(posted.contribution.id),
            "capability": posted.capability,
            "findings": [f.to_dict() for f in posted.findings],
            "event": _for_author(access, posted.contribution, "posted"),
        }
        return JsonResponse(body, status=201)
    return redirect("session", session_id=session_id)


@login_required
@require_POST
def check(request: HttpRequest, session_id: int) -> HttpResponse:
    """Findings for a text before it is posted, as the author types."""
    access = selectors.session_access(request.user, session_id)
    require(access.meeting.grants, Can.SPEAK, "session")
    text = request.POST.get("text", "")[:20_000].replace("\r\n", "\n")
    if not access.rule.scanned or not text.strip():
        return JsonResponse({"findings": []})
    found = scan_as_author(access.session.meeting, text, access.person_id)
    return JsonResponse(findings_json(found))


@login_required
@require_POST
def edit(request: HttpRequest, session_id: int, contribution_id: str) -> HttpResponse:
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    try:
        services.edit(access, c, request.POST.get("text", ""), request.POST.get("capability"))
    except services.RecordError as error:
        return _refuse(request, session_id, error)
    return (
        JsonResponse({"id": str(c.id), "event": _for_author(access, c, "edited")})
        if _wants_json(request)
        else redirect("session", session_id=session_id)
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, session_id: int, contribution_id: str) -> HttpResponse:
    access = selectors.session_access(request.user, session_id)
    c = selectors.contribution_in(access, contribution_id)
    try:
        services.withdraw(access, c, request.POST.get("capability"))
    except services.RecordError as error:
        return _refuse(request, session_id, error)
    return (
        JsonResponse({"id": str(c.id), "event": _for_author(access, c, "withdrawn")})
        if _wants_json(request)
        else redirect("session", session_id=session_id)
    )


@login_required
@require_POST
@require_recent_auth("close this session")
def close(request: HttpRequest, session_id: int) -> HttpResponse:
    access = selectors.session_access(request.user, session_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm: closing cannot be undone."))
        return redirect("session", session_id=session_id)
    try:
        services.close(access, form.cleaned_data["agreed_note"])
    except services.RecordError as error:
        return _refuse(request, session_id, error)
    messages.success(request, _("The session is closed. Its record is now read-only."))
    return redirect("session", session_id=session_id)
