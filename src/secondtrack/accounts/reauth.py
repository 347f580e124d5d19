"""Re-authentication before acts that cannot be taken back: closing a session, publishing a
report, transmitting a memorandum, merging people.

One decorator, for pages and API operations alike::

    from secondtrack.accounts.reauth import require_recent_auth

    @require_recent_auth("merge these people")
    def merge(request, ...): ...

(for a ninja operation, put it below the ``@router.post(...)`` line). A page whose caller
has not given their password or a code within ``SECONDTRACK_REAUTH_MINUTES`` (10) is sent
to /account/confirm/ and then back to where they were (the page that held the form, since a
POST cannot be replayed); the act is not done until they try again. An API call is answered
401 ``{"code": "reauth_required"}`` unless its token was issued within those minutes.

Signing in counts as authenticating (Django's ``user_logged_in`` signal, so
``client.force_login`` in tests is a fresh sign-in too), and so does each code given at
/login/code/. ``ensure_recent_auth(request, action)`` raises ``ReauthRequired`` for code
that is not a view.
"""

from __future__ import annotations

import contextlib
import inspect
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_noop

SESSION_KEY = "secondtrack_authenticated_at"
# Flashed after confirming, on the page whose button asked for it.
CONFIRMED = gettext_noop("Thank you. Now do it again: it will go through.")


class ReauthRequired(Exception):
    status = 401
    code = "reauth_required"


def minutes() -> int:
    return settings.SECONDTRACK_REAUTH_MINUTES


def mark_fresh(request: HttpRequest) -> None:
    """Record that the caller just gave their password or a code."""
    request.session[SESSION_KEY] = time.time()


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_fresh(request)


def is_recent(request: HttpRequest) -> bool:
    token = getattr(request, "api_token", None)
    if token is not None:
        return token.created >= timezone.now() - timedelta(minutes=minutes())
    at = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return at is not None and time.time() - float(at) <= minutes() * 60


def sentence(action: str, api: bool) -> str:
    if api:
        return (
            f"To {action}, confirm it is you: get a fresh token (POST /api/auth/token, with "
            f'"otp" if your account uses a second factor) and try again within {minutes()} '
            "minutes."
        )
    return f"To {action}, confirm it is you: enter your password or a code, then try again."


def ensure_recent_auth(request: HttpRequest, action: str) -> None:
    if not is_recent(request):
        raise ReauthRequired(sentence(action, getattr(request, "api_token", None) is not None))


def _back(request: HttpRequest) -> str:
    """Where to return after confirming: the page itself for a GET, else the page the form
    was on (a POST cannot be replayed)."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parsed = urlparse(referer)
        return parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return "/"


def confirm_url(request: HttpRequest) -> str:
    return f"{reverse('reauth')}?{urlencode({'next': _back(request)})}"


def require_recent_auth(action: str) -> Callable:
    """Decorate a page or API view that does `action` (a phrase: "close this session")."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if is_recent(request):
                return view(request, *args, **kwargs)
            if request.path.startswith("/api/"):
                body = {"detail": sentence(action, api=True), "code": ReauthRequired.code}
                return JsonResponse(body, status=ReauthRequired.status)
            messages.info(request, sentence(action, api=False))
            target = confirm_url(request)
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return HttpResponseRedirect(target)

        # django-ninja reads the operation's parameters from the signature and resolves
        # string annotations in the function's module: hand it the original's, resolved.
        with contextlib.suppress(NameError):
            wrapped.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
        return wrapped

    return decorate
