"""Where the providers live. The real endpoints by default; settings can point them elsewhere.

The official SDKs hard-code their hosts, so the override happens in the transport: a URL for
a real host is rewritten to the configured base before it leaves. With the defaults nothing
is rewritten. Tests use this to talk to local fakes of the Dropbox and Google APIs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httplib2
import requests
from django.conf import settings
from requests.adapters import HTTPAdapter

TIMEOUT_SECONDS = 60

REAL = {
    "SECONDTRACK_DROPBOX_API_URL": "https://api.dropboxapi.com",
    "SECONDTRACK_DROPBOX_CONTENT_URL": "https://content.dropboxapi.com",
    "SECONDTRACK_DROPBOX_OAUTH_URL": "https://www.dropbox.com",
    "SECONDTRACK_GOOGLE_DRIVE_API_URL": "https://www.googleapis.com",
}


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, as CSP source lists name it."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def routed(url: str) -> str:
    """The URL the request should really go to, given the configured endpoints."""
    for name, real in REAL.items():
        configured = getattr(settings, name, real).rstrip("/")
        if configured != real and (url == real or url.startswith(real + "/")):
            return configured + url[len(real) :]
    return url


class _RoutedAdapter(HTTPAdapter):
    def send(self, request, **kwargs):
        request.url = routed(request.url)
        return super().send(request, **kwargs)


def requests_session() -> requests.Session:
    """A requests session for the Dropbox SDK; certificates are verified as usual."""
    session = requests.Session()
    session.mount("https://", _RoutedAdapter())
    return session


class RoutedHttp(httplib2.Http):
    """An httplib2 client for the Google API client."""

    def __init__(self) -> None:
        super().__init__(timeout=TIMEOUT_SECONDS)

    def request(self, uri, *args, **kwargs):
        return super().request(routed(uri), *args, **kwargs)
