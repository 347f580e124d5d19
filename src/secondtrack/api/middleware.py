"""Under /api/, every answer is JSON: oversized bodies, unknown paths and wrong methods too.

Django answers those before (or outside) the API's own exception handlers, with HTML
pages; this middleware gives them the API's one error shape instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from secondtrack.api.errors import CODES, too_large

API_PREFIX = "/api/"


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _sentence(request: HttpRequest, response: HttpResponse) -> str:
    if response.status_code == 404:
        return "There is no such endpoint: /api/docs lists them all."
    if response.status_code == 405:
        allowed = response.get("Allow", "")
        return f"{request.method} is not allowed here: use {allowed or 'another method'}."
    if response.status_code == 413:
        return too_large().detail
    if response.status_code >= 500:
        return "Something went wrong on our side. Try again, and tell the organisers if it recurs."
    return "The request could not be read: send JSON with Content-Type: application/json."


class JsonErrorsForApi:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            error = too_large()
            return JsonResponse(error.body(), status=error.status)
        response = self.get_response(request)
        if response.status_code >= 400 and not _is_json(response):
            status = response.status_code
            body = {"detail": _sentence(request, response), "code": CODES.get(status, "error")}
            replaced = JsonResponse(body, status=status)
            if "Allow" in response:
                replaced["Allow"] = response["Allow"]
            return replaced
        return response


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")
