"""Save to Google Drive: OAuth 2 with PKCE for the drive.file scope, upload with the API client."""

from __future__ import annotations

import io
import logging

import google.auth.exceptions
import httplib2
import requests
from django.conf import settings
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from google_auth_oauthlib.flow import Flow
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload
from oauthlib.oauth2.rfc6749.errors import OAuth2Error

from secondtrack.delivery import endpoints
from secondtrack.delivery.models import Connection, Delivery, Provider
from secondtrack.delivery.services import connections
from secondtrack.delivery.services.errors import DeliveryFailed, NeedsReconnect, Unreachable

logger = logging.getLogger(__name__)

UNREACHABLE = "Google Drive could not be reached. Nothing is lost: press Retry in a moment."

PROVIDER = Provider.GDRIVE
# The narrowest Drive scope that can create files: only files this app created are visible.
SCOPES = ["https://www.googleapis.com/auth/drive.file"]
SIMPLE_UPLOAD_MAX = 5 * 1024 * 1024  # above this, the resumable protocol is used


def is_configured() -> bool:
    return bool(settings.GOOGLE_CLIENT_ID and settings.GOOGLE_CLIENT_SECRET)


def _flow(redirect_uri: str, **kwargs) -> Flow:
    config = {
        "web": {
            "client_id": settings.GOOGLE_CLIENT_ID,
            "client_secret": settings.GOOGLE_CLIENT_SECRET,
            "auth_uri": settings.SECONDTRACK_GOOGLE_AUTH_URI,
            "token_uri": settings.SECONDTRACK_GOOGLE_TOKEN_URI,
        }
    }
    return Flow.from_client_config(config, scopes=SCOPES, redirect_uri=redirect_uri, **kwargs)


def authorisation_origin() -> str:
    """Where the reader's browser is sent to authorise (CSP form-action must allow it)."""
    return endpoints.origin(settings.SECONDTRACK_GOOGLE_AUTH_URI)


def authorisation_url(session, redirect_uri: str, next_url: str) -> str:
    flow = _flow(redirect_uri, autogenerate_code_verifier=True)
    url, state = flow.authorization_url(access_type="offline", prompt="consent")
    connections.remember_flow(session, PROVIDER, state, flow.code_verifier, next_url)
    return url


def finish_authorisation(user, session, query: dict, redirect_uri: str) -> tuple[Connection, str]:
    remembered = connections.recall_flow(session, PROVIDER, query.get("state", ""))
    if query.get("error") or not query.get("code"):
        raise NeedsReconnect("You did not allow access in Google, so nothing was connected.")
    flow = _flow(redirect_uri, state=remembered["state"], code_verifier=remembered["verifier"])
    try:
        flow.fetch_token(code=query["code"])
    except (OAuth2Error, requests.RequestException, ValueError, Warning):
        raise NeedsReconnect("Google did not complete the authorisation. Please try again.")
    credentials = flow.credentials
    tokens = connections.Tokens(
        access=credentials.token,
        refresh=credentials.refresh_token or "",
        expires_at=connections.aware_utc(credentials.expiry),
    )
    connection = connections.store_connection(user, PROVIDER, tokens, _account_label(credentials))
    return connection, remembered["next"]


def _credentials(tokens: connections.Tokens) -> Credentials:
    return Credentials(
        token=tokens.access,
        refresh_token=tokens.refresh or None,
        expiry=connections.naive_utc(tokens.expires_at),
        token_uri=settings.SECONDTRACK_GOOGLE_TOKEN_URI,
        client_id=settings.GOOGLE_CLIENT_ID,
        client_secret=settings.GOOGLE_CLIENT_SECRET,
        scopes=SCOPES,
    )


def _drive(credentials: Credentials):
    http = AuthorizedHttp(credentials, http=endpoints.RoutedHttp())
    return build("drive", "v3", http=http, static_discovery=True, cache_discovery=False)


def _account_label(credentials: Credentials) -> str:
    try:
        about = _drive(credentials).about().get(fields="user(displayName,emailAddress)").execute()
    except (HttpError, google.auth.exceptions.GoogleAuthError, httplib2.HttpLib2Error, OSError):
        return "Google account"
    user = about.get("user", {})
    return f"{user.get('displayName', '')} ({user.get('emailAddress', '')})".strip()


def send(delivery: Delivery, data: bytes, progress) -> str:
    connection = Connection.objects.filter(user=delivery.user, provider=PROVIDER).first()
    if connection is None:
        raise NeedsReconnect("Connect your Google Drive, then press Retry to save this file.")
    tokens = connections.connection_tokens(connection)
    credentials = _credentials(tokens)
    media = MediaIoBaseUpload(
        io.BytesIO(data), mimetype=delivery.mimetype, resumable=len(data) > SIMPLE_UPLOAD_MAX
    )
    progress(30, "Uploading to Google Drive.")
    try:
        created = (
            _drive(credentials)
            .files()
            .create(body={"name": delivery.filename}, media_body=media, fields="id,name")
            .execute()
        )
    except google.auth.exceptions.RefreshError:
        raise NeedsReconnect(_reconnect_message())
    except HttpError as error:
        if error.resp.status in (401, 403):
            raise NeedsReconnect(_reconnect_message())
        if error.resp.status in (429, 500, 502, 503, 504):
            raise Unreachable(UNREACHABLE, "Google Drive")
        raise DeliveryFailed("Google Drive refused the file. Check that your Drive has space left.")
    except (httplib2.HttpLib2Error, OSError):
        raise Unreachable(UNREACHABLE, "Google Drive")
    finally:
        if credentials.token != tokens.access:
            connections.save_refreshed(
                connection,
                connections.Tokens(
                    credentials.token, tokens.refresh, connections.aware_utc(credentials.expiry)
                ),
            )
    return f"Saved to your Google Drive as {created.get('name', delivery.filename)}."


def _reconnect_message() -> str:
    return (
        "Google no longer accepts this platform's authorisation (it expired or was revoked). "
        "Reconnect Google Drive, then press Retry: your file is kept until then."
    )


def revoke(connection: Connection) -> None:
    """Ask Google to revoke the grant. Best effort: the local copy goes regardless."""
    try:
        tokens = connections.connection_tokens(connection)
        requests.post(
            settings.SECONDTRACK_GOOGLE_REVOKE_URI,
            data={"token": tokens.refresh or tokens.access},
            timeout=10,
        )
    except (NeedsReconnect, requests.RequestException) as error:
        logger.info("Google revoke did not complete: %s", type(error).__name__)
