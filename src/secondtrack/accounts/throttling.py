"""What a throttled sign-in is told (django-axes calls `locked_out`): when to try again, in
the API's error shape under /api/ and as a page elsewhere. The same for an unknown e-mail
and a wrong password, so a lockout confirms no account."""

from __future__ import annotations

from math import ceil

from axes.helpers import get_cool_off
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
