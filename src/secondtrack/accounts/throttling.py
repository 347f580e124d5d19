"""Throttling of the front door.

Sign-in and token issue: django-axes counts failures and calls `locked_out`, which says when
to try again, in the API's error shape under /api/ and as a page elsewhere; the same for an
unknown e-mail and a wrong password, so a lockout confirms no account. Links from e-mails
(invitations, Track One recipient pages): `throttle_link`, below."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from math import ceil

from axes.helpers import get_cool_off
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

STATUS = 429


def retry_minutes(request: HttpRequest) -> int:
    cool_off = get_cool_off(request)
    return max(1, ceil(cool_off.total_seconds() / 60)) if cool_off else 0


def sentence(request: HttpRequest) -> str:
    minutes = retry_minutes(request)
    return (
        f"Too many failed sign-ins from this account or address: try again in {minutes} "
        f"minute{'s' if minutes != 1 else ''}."
    )


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    minutes = retry_minutes(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": sentence(request), "code": "throttled"}, status=STATUS)
    else:
        context = {"sentence": sentence(request)}
        response = render(request, "registration/locked_out.html", context, status=STATUS)
    response["Retry-After"] = str(minutes * 60)
    return response


# --- Links that carry a token (invitations, Track One recipient pages) -------------------
#
# django-axes throttles sign-in only; the pages opened from a link in an e-mail have no
# account to lock, so a small cache-based limiter guards them: per address (an address that
# keeps presenting unknown, used or expired links is paused) and per link (one link posted to
# again and again is paused, whoever posts). Counts live in Django's cache: one process's
# memory by default, shared by every server when REDIS_URL is set. Keys hold a digest of the
# address and of the link, never the raw token.

LINK_SENTENCE = "Too many attempts; try again in {minutes} minute{s}."


@dataclass(frozen=True)
class Limit:
    """At most `limit` events per `window` seconds for one key, then a pause of `window`."""

    scope: str
    limit: int
    window: int

    def _key(self, kind: str, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"secondtrack:throttle:{self.scope}:{kind}:{digest}"

    def paused_for(self, *keys: str) -> int:
        """Seconds until every key may act again; 0 when none is paused."""
        now = time.time()
        until = [cache.get(self._key("pause", key)) for key in keys]
        return max([ceil(u - now) for u in until if u and u > now], default=0)

    def hit(self, *keys: str) -> None:
        """Count one event for each key; a key reaching the limit is paused for the window."""
        for key in keys:
            counter = self._key("count", key)
            cache.add(counter, 0, self.window)
            try:
                count = cache.incr(counter)
            except ValueError:  # expired between add and incr
                cache.set(counter, 1, self.window)
                count = 1
            if count >= self.limit:
                cache.set(self._key("pause", key), time.time() + self.window, self.window)


def link_limits() -> tuple[Limit, Limit]:
    """(failures per address, posts per link), from settings so operators can tune them."""
    window = settings.SECONDTRACK_LINK_COOLOFF_MINUTES * 60
    return (
        Limit("link-failure", settings.SECONDTRACK_LINK_FAILURES, window),
        Limit("link-post", settings.SECONDTRACK_LINK_POSTS, window),
    )


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def throttled_page(request: HttpRequest, seconds: int) -> HttpResponse:
    minutes = max(1, ceil(seconds / 60))
    text = LINK_SENTENCE.format(minutes=minutes, s="s" if minutes != 1 else "")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": text, "code": "throttled"}, status=STATUS)
    else:
        response = render(
            request, "registration/link_throttled.html", {"sentence": text}, status=STATUS
        )
    response["Retry-After"] = str(minutes * 60)
    return response


def throttle_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view taking `token`: refuse while its address or its link is paused; count an
    unusable link (404/410) against the address and every POST against the link."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, token: str, **kwargs) -> HttpResponse:
        if not settings.SECONDTRACK_LINK_THROTTLING:
            return view(request, *args, token=token, **kwargs)
        failures, posts = link_limits()
        address = client_address(request)
        wait = max(failures.paused_for(address), posts.paused_for(token))
        if wait:
            return throttled_page(request, wait)
        response = view(request, *args, token=token, **kwargs)
        if response.status_code in (404, 410):
            failures.hit(address)
        if request.method == "POST":
            posts.hit(token)
        return response

    return wrapped
