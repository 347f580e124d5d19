"""Save to Dropbox: OAuth 2 with PKCE and offline access, upload with the official SDK."""

from __future__ import annotations

import logging

import dropbox
import requests
from django.conf import settings
from dropbox import exceptions as dbx_errors
from dropbox import oauth
from dropbox.files import WriteMode

from secondtrack.delivery import endpoints
from secondtrack.delivery.models import Connection, Delivery, Provider
from secondtrack.delivery.services import connections
from secondtrack.delivery.services.errors import DeliveryFailed, NeedsReconnect, Unreachable

logger = logging.getLogger(__name__)

PROVIDER = Provider.DROPBOX
SCOPES = ["files.content.write", "account_info.read"]
MAX_BYTES = 150 * 1024 * 1024  # the limit of a single files/upload call
_CSRF_KEY = "delivery.oauth.dropbox.csrf"


def is_configured() -> bool:
    return bool(settings.DROPBOX_APP_KEY)


def _flow(session, redirect_uri: str) -> oauth.DropboxOAuth2Flow:
    flow = oauth.DropboxOAuth2Flow(
        consumer_key=settings.DROPBOX_APP_KEY,
        redirect_uri=redirect_uri,
        session=session,
        csrf_token_session_key=_CSRF_KEY,
        consumer_secret=settings.DROPBOX_APP_SECRET or None,
        token_access_type="offline",  # noqa: S106 - a grant type, not a secret
        scope=SCOPES,
        use_pkce=True,
        timeout=endpoints.TIMEOUT_SECONDS,
    )
    flow.requests_session = endpoints.requests_session()
    return flow


def authorisation_origin() -> str:
    """Where the reader's browser is sent to authorise (CSP form-action must allow it)."""
    return endpoints.origin(settings.SECONDTRACK_DROPBOX_OAUTH_URL)


def authorisation_url(session, redirect_uri: str, next_url: str) -> str:
    flow = _flow(session, redirect_uri)
    url = flow.start()
    connections.remember_flow(session, PROVIDER, session[_CSRF_KEY], flow.code_verifier, next_url)
    return endpoints.routed(url)


def finish_authorisation(user, session, query: dict, redirect_uri: str) -> tuple[Connection, str]:
    """Check state, exchange the code with the PKCE verifier kept in the session, store tokens."""
    state = query.get("state", "")
    remembered = connections.recall_flow(session, PROVIDER, state.split("|", 1)[0])
    flow = _flow(session, redirect_uri)
    flow.code_verifier = remembered["verifier"]
    session[_CSRF_KEY] = remembered["state"]
    try:
        result = flow.finish(query)
    except oauth.NotApprovedException:
        raise NeedsReconnect("You did not allow access in Dropbox, so nothing was connected.")
    except (oauth.BadRequestException, oauth.ProviderException, requests.RequestException):
        raise NeedsReconnect("Dropbox did not complete the authorisation. Please try again.")
    tokens = connections.Tokens(
        access=result.access_token,
        refresh=result.refresh_token or "",
        expires_at=connections.aware_utc(result.expires_at),
    )
    label = _account_label(tokens)
    connection = connections.store_connection(user, PROVIDER, tokens, label)
    return connection, remembered["next"]


def _client(tokens: connections.Tokens) -> dropbox.Dropbox:
    return dropbox.Dropbox(
        oauth2_access_token=tokens.access,
        oauth2_refresh_token=tokens.refresh or None,
        oauth2_access_token_expiration=connections.naive_utc(tokens.expires_at),
        app_key=settings.DROPBOX_APP_KEY,
        app_secret=settings.DROPBOX_APP_SECRET or None,
        session=endpoints.requests_session(),
        timeout=endpoints.TIMEOUT_SECONDS,
        max_retries_on_error=1,
        max_retries_on_rate_limit=1,
    )


def _account_label(tokens: connections.Tokens) -> str:
    try:
        account = _client(tokens).users_get_current_account()
    except (dbx_errors.DropboxException, requests.RequestException):
        return "Dropbox account"
    return f"{account.name.display_name} ({account.email})"


def _current_tokens(client: dropbox.Dropbox) -> connections.Tokens:
    return connections.Tokens(
        access=client._oauth2_access_token,
        refresh=client._oauth2_refresh_token or "",
        expires_at=connections.aware_utc(client._oauth2_access_token_expiration),
    )


def _reconnect_message() -> str:
    return (
        "Dropbox no longer accepts this platform's authorisation (it expired or was "
        "revoked). Reconnect Dropbox, then press Retry: your file is kept until then."
    )


def send(delivery: Delivery, data: bytes, progress) -> str:
    connection = Connection.objects.filter(user=delivery.user, provider=PROVIDER).first()
    if connection is None:
        raise NeedsReconnect("Connect your Dropbox account, then press Retry to save this file.")
    if len(data) > MAX_BYTES:
        raise DeliveryFailed("This file is larger than Dropbox accepts in one upload (150 MB).")
    tokens = connections.connection_tokens(connection)
    client = _client(tokens)
    progress(30, "Uploading to Dropbox.")
    try:
        metadata = _upload_refreshing_once(client, delivery.filename, data)
    except dbx_errors.AuthError:
        raise NeedsReconnect(_reconnect_message())
    except (requests.RequestException, dbx_errors.InternalServerError, dbx_errors.RateLimitError):
        raise Unreachable(
            "Dropbox could not be reached. Nothing is lost: press Retry in a moment.", "Dropbox"
        )
    except dbx_errors.ApiError:
        raise DeliveryFailed("Dropbox refused the file. Check that your Dropbox has space left.")
    finally:
        if client._oauth2_access_token != tokens.access:
            connections.save_refreshed(connection, _current_tokens(client))
    return f"Saved to your Dropbox as {metadata.path_display}."


def _upload_refreshing_once(client: dropbox.Dropbox, filename: str, data: bytes):
    path = "/" + filename
    try:
        return client.files_upload(data, path, mode=WriteMode.add, autorename=True)
    except dbx_errors.AuthError as error:
        if not error.error.is_expired_access_token():
            raise
        logger.info("Dropbox access token expired early; refreshing once.")
        client.refresh_access_token()
        return client.files_upload(data, path, mode=WriteMode.add, autorename=True)


def revoke(connection: Connection) -> None:
    """Ask Dropbox to forget the authorisation. Best effort: the local copy goes regardless."""
    try:
        _client(connections.connection_tokens(connection)).auth_token_revoke()
    except (NeedsReconnect, dbx_errors.DropboxException, requests.RequestException) as error:
        logger.info("Dropbox revoke did not complete: %s", type(error).__name__)
