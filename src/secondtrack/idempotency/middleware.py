"""Idempotency keys on POST: a retry gets the first answer and never does the work twice.

A client sends ``Idempotency-Key: <random>`` (the API) or a hidden ``idempotency_key``
field (forms, `{% idempotency_field %}`). The first request claims the key (the unique
primary key of `Answer`, in a short transaction of its own: the view's work is not held
inside a write lock), runs, and stores its answer; a retry then gets that answer, and a
retry while the first still runs gets 409 "still being processed". A request that fails
with a 5xx or an exception gives its claim back, so its retry runs afresh. A process
killed between the work and storing the answer leaves the claim: retries get 409 until
it is forgotten (a day) - never a duplicate. The same key with another body is another
request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse

from secondtrack.idempotency.models import Answer

log = logging.getLogger(__name__)

HEADER = "HTTP_IDEMPOTENCY_KEY"
FIELD = "idempotency_key"
MAX_KEY = 200
MAX_STORED = 512 * 1024
REPLAYED = "Idempotent-Replayed"


def _identity(request) -> str:
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if auth:
        return "token:" + hashlib.sha256(auth.encode()).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "session:" + (request.COOKIES.get(settings.SESSION_COOKIE_NAME) or "")


def _fingerprint(request) -> str:
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = sorted(
            (k, v)
            for k, values in request.POST.lists()
            for v in values
            if k not in ("csrfmiddlewaretoken", FIELD)
        )
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()
    return hashlib.sha256(request.body).hexdigest()


def _digest(request, key: str) -> str:
    message = "\n".join([_identity(request), request.path, key, _fingerprint(request)])
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def _fernet(key: str) -> Fernet:
    raw = hmac.new(key.encode(), settings.SECRET_KEY.encode(), hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(raw))


def _seal(key: str, response: HttpResponse) -> bytes:
    kept = {h: response[h] for h in ("Content-Type", "Location", "HX-Redirect") if h in response}
    plain = json.dumps({"headers": kept, "body": response.content.decode("latin-1")})
    return _fernet(key).encrypt(plain.encode())


def _replay(key: str, answer: Answer) -> HttpResponse:
    try:
        data = json.loads(_fernet(key).decrypt(bytes(answer.sealed)))
    except (InvalidToken, ValueError):
        return JsonResponse({"detail": "This request was already received."}, status=409)
    response = HttpResponse(data["body"].encode("latin-1"), status=answer.status)
    for name, value in data["headers"].items():
        response[name] = value
    response[REPLAYED] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        key = request.META.get(HEADER) or request.POST.get(FIELD, "")
        if not key:
            return None
        if len(key) > MAX_KEY:
            return JsonResponse({"detail": "The Idempotency-Key is too long."}, status=400)
        digest = _digest(request, key)
        done = Answer.objects.filter(digest=digest).exclude(status=0).first()
        if done is not None:
            return _replay(key, done)
        try:
            Answer.objects.create(digest=digest)  # the claim; a concurrent twin fails here
        except IntegrityError:
            done = Answer.objects.filter(digest=digest).exclude(status=0).first()
            if done is not None:
                return _replay(key, done)
            return JsonResponse(
                {"detail": "The same request is still being processed: try again shortly."},
                status=409,
            )
        try:
            response = view_func(request, *view_args, **view_kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        except BaseException:
            Answer.objects.filter(digest=digest, status=0).delete()  # a retry runs afresh
            raise
        if response.status_code >= 500 or response.streaming:
            Answer.objects.filter(digest=digest, status=0).delete()
        elif len(response.content) <= MAX_STORED:
            Answer.objects.filter(digest=digest).update(
                status=response.status_code, sealed=_seal(key, response)
            )
        return response


class _Failed(Exception):
    def __init__(self, response: HttpResponse) -> None:
        super().__init__("the view answered with a server error")
        self.response = response
