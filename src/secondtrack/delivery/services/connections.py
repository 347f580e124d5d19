"""Consent to the usage policy, OAuth state in the session, and the encrypted tokens."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from secondtrack.delivery import crypto
from secondtrack.delivery.models import Connection, PolicyConsent
from secondtrack.delivery.policy import POLICY_VERSION
from secondtrack.delivery.services.errors import NeedsReconnect

_FLOW_KEY = "delivery.oauth.{provider}"


@dataclass
class Tokens:
    access: str
    refresh: str
    expires_at: datetime | None  # aware


def has_consented(user, provider: str) -> bool:
    return PolicyConsent.objects.filter(
        user=user, provider=provider, version=POLICY_VERSION
    ).exists()


def record_consent(user, provider: str) -> PolicyConsent:
    consent, _ = PolicyConsent.objects.get_or_create(
        user=user, provider=provider, version=POLICY_VERSION, defaults={"agreed_at": timezone.now()}
    )
    return consent


def remember_flow(session, provider: str, state: str, verifier: str, next_url: str) -> None:
    """Keep the OAuth state and PKCE verifier server-side, in the reader's session."""
    session[_FLOW_KEY.format(provider=provider)] = {
        "state": state,
        "verifier": verifier,
        "next": next_url,
    }


def recall_flow(session, provider: str, returned_state: str) -> dict:
    """The flow this browser started, if the returned state matches; it can be used once."""
    flow = session.pop(_FLOW_KEY.format(provider=provider), None)
    if not flow or not hmac.compare_digest(flow["state"], returned_state or ""):
        raise NeedsReconnect(
            "This authorisation did not start here or has expired. Please connect again."
        )
    return flow


def store_connection(user, provider: str, tokens: Tokens, label: str) -> Connection:
    with transaction.atomic():
        connection, _ = Connection.objects.update_or_create(
            user=user,
            provider=provider,
            defaults={
                "access_token_sealed": crypto.seal_text(tokens.access),
                "refresh_token_sealed": crypto.seal_text(tokens.refresh),
                "expires_at": tokens.expires_at,
                "account_label": label[:200],
                "connected_at": timezone.now(),
            },
        )
    return connection


def connection_tokens(connection: Connection) -> Tokens:
    try:
        return Tokens(
            access=crypto.unseal_text(connection.access_token_sealed),
            refresh=crypto.unseal_text(connection.refresh_token_sealed),
            expires_at=connection.expires_at,
        )
    except crypto.CannotUnseal:
        raise NeedsReconnect(
            f"Your {connection.get_provider_display()} authorisation can no longer be read on "
            "this server. Please reconnect, then press Retry."
        ) from None


def save_refreshed(connection: Connection, tokens: Tokens) -> None:
    """Keep a token the SDK refreshed, so the next save need not refresh again."""
    connection.access_token_sealed = crypto.seal_text(tokens.access)
    if tokens.refresh:
        connection.refresh_token_sealed = crypto.seal_text(tokens.refresh)
    connection.expires_at = tokens.expires_at
    connection.save(update_fields=["access_token_sealed", "refresh_token_sealed", "expires_at"])


def naive_utc(moment: datetime | None) -> datetime | None:
    """The SDKs compare expiry times as naive UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def aware_utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment
