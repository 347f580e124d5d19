"""Bearer-token authentication for the API. Tokens are stored hashed and expire."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from secondtrack.accounts.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), expires__gt=timezone.now(), user__is_active=True)
            .first()
        )
        if row is None:
            return None
        request.api_token = row  # so that DELETE /api/auth/token can revoke this very token
        request.user = row.user
        return row.user
