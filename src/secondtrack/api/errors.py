"""One error shape for every refusal of the API, translated once, at the edge.

Every refusal answers ``{"detail": "<a sentence saying what to do>", "code": "<code>"}``.
Services raise their own specific errors (``RecordError``, ``BalloonError``,
``ReportError``...), each carrying its HTTP status; selectors raise ``Http404`` and
``PermissionDenied``; ninja raises ``ValidationError`` for bad input. ``install`` turns
each of them into that shape, so no endpoint translates errors on its own.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from secondtrack.api.schemas import ErrorOut
from secondtrack.balloons.services import BalloonError
from secondtrack.delivery.services import DeliveryError
from secondtrack.dialogues.services import InvitationError
from secondtrack.record.services import RecordError
from secondtrack.reports.rendering import UnknownFormat
from secondtrack.reports.services import OpenFindings, ReportError

CODES = {
    400: "malformed",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class ApiError(Exception):
    """A refusal with its HTTP status, a machine code and a sentence saying what to do."""

    def __init__(self, status: int, detail: str, code: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code or CODES.get(status, "error")

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, "code": self.code}


def refusals(*statuses: int, body: bool = False) -> dict[int, type]:
    """The refusal part of an endpoint's ``response={...}``: 401 and 422 always (bad token,
    bad path or query), 400 and 413 for endpoints that read a JSON body."""
    wanted = {401, 422, *statuses} | ({400, 413} if body else set())
    return dict.fromkeys(sorted(wanted), ErrorOut)


def _as_api_error(exc: Exception) -> ApiError:
    """The one translation from every known exception to an ApiError."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, Http404):
        return ApiError(404, _sentence(exc, _("There is nothing here, or you may not see it.")))
    if isinstance(exc, PermissionDenied):
        return ApiError(403, _sentence(exc, _("Your role does not allow this.")))
    if isinstance(exc, NinjaValidationError):
        return ApiError(422, _invalid_sentence(exc.errors))
    if isinstance(exc, DjangoValidationError):
        return ApiError(422, " ".join(exc.messages) or _("The request is not valid."))
    if isinstance(exc, OpenFindings):
        return ApiError(409, str(exc), "open_findings")
    if isinstance(exc, RecordError | BalloonError | ReportError):
        return ApiError(exc.status, str(exc), getattr(exc, "code", None))
    if isinstance(exc, DeliveryError | UnknownFormat):
        return ApiError(422, str(exc))
    if isinstance(exc, InvitationError):
        return ApiError(410, str(exc))
    if isinstance(exc, AuthenticationError):
        return ApiError(
            401, _("Send a valid token: Authorization: Bearer <token> from /api/auth/token.")
        )
    if isinstance(exc, HttpError):
        return _http_error(exc)
    raise exc


def _http_error(exc: HttpError) -> ApiError:
    cause = exc.__cause__
    if isinstance(cause, ApiError):
        return cause
    if isinstance(cause, RequestDataTooBig):
        return too_large()
    if isinstance(cause, ValueError):
        return ApiError(
            400,
            _("The request body is not valid JSON (%(cause)s). Send a JSON object.")
            % {"cause": cause},
        )
    return ApiError(exc.status_code, str(exc))


def too_large() -> ApiError:
    return ApiError(413, _("The request body is too large: send at most 2.5 MB of JSON."))


def _sentence(exc: Exception, default: str) -> str:
    text = str(exc).strip()
    return text if text and text != "None" else default


def _invalid_sentence(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors[:5]:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload")]
        field = ".".join(loc[1:] if loc[:1] in (["query"], ["path"]) else loc) or "body"
        parts.append(f"check the field '{field}': {_problem(error, loc[-1] if loc else field)}")
    text = "; ".join(parts) or "check the request"
    return text[0].upper() + text[1:] + "."


def _problem(error: dict[str, Any], name: str) -> str:
    if error.get("type") in ("enum", "literal_error"):
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"that is not a {name}; use one of {expected}"
    message = str(error.get("msg", "is not valid")).rstrip(".")
    return message[0].lower() + message[1:]


def install(api: NinjaAPI) -> None:
    """Register the one translation for every exception the API knows how to refuse."""

    def handler(request: HttpRequest, exc: Exception) -> HttpResponse:
        error = _as_api_error(exc)
        body = error.body()
        if isinstance(exc, OpenFindings):
            body["findings"] = [f.to_dict() for f in exc.findings]
        return api.create_response(request, body, status=error.status)

    for kind in (
        ApiError,
        Http404,
        PermissionDenied,
        NinjaValidationError,
        DjangoValidationError,
        HttpError,
        RecordError,
        BalloonError,
        ReportError,
        DeliveryError,
        UnknownFormat,
        InvitationError,
    ):
        api.add_exception_handler(kind, handler)


def _check_text(value: Any, where: str) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise ApiError(422, f"The field '{where}' contains a NUL character: remove it.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(
                422, f"The field '{where}' contains a lone surrogate: send valid Unicode text."
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, where)
            _check_text(item, f"{where}.{key}" if where != "body" else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, f"{where}[{i}]")


class StrictJsonParser(Parser):
    """JSON with text the database can store: no NUL characters, no lone surrogates."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        _check_text(data, "body")
        return data

    def parse_querydict(self, data, list_fields, request):  # type: ignore[no-untyped-def]
        result = super().parse_querydict(data, list_fields, request)
        _check_text(result, "body")
        return result
