"""Delivery fixtures: a real SMTP server, local fakes of Dropbox and Google, a small EPUB."""

from __future__ import annotations

import logging
import socket
from urllib.parse import urlsplit

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from ebooklib import epub

from tests import factories
from tests.delivery.fakes import FakeDropbox, FakeGoogle

# aiosmtpd logs every connection from its own thread, which can outlive a test's capture.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@pytest.fixture
def alice(db):
    return factories.user_for(None, "alice@example.org")


@pytest.fixture
def bob(db):
    return factories.user_for(None, "bob@example.org")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1; the platform sends to it through Django's SMTP backend."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "secondtrack <reports@dialogue.example.org>"
    yield inbox
    controller.stop()


@pytest.fixture
def fake_dropbox(settings):
    with FakeDropbox() as fake:
        settings.DROPBOX_APP_KEY = fake.app_key
        settings.DROPBOX_APP_SECRET = fake.app_secret
        settings.SECONDTRACK_DROPBOX_API_URL = fake.url
        settings.SECONDTRACK_DROPBOX_CONTENT_URL = fake.url
        settings.SECONDTRACK_DROPBOX_OAUTH_URL = fake.url
        yield fake


@pytest.fixture
def fake_google(settings, monkeypatch):
    # requests-oauthlib refuses plain-HTTP token endpoints; the fake is plain HTTP on loopback.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    with FakeGoogle() as fake:
        settings.GOOGLE_CLIENT_ID = fake.client_id
        settings.GOOGLE_CLIENT_SECRET = fake.client_secret
        settings.SECONDTRACK_GOOGLE_AUTH_URI = fake.url + "/o/oauth2/auth"
        settings.SECONDTRACK_GOOGLE_TOKEN_URI = fake.url + "/token"
        settings.SECONDTRACK_GOOGLE_REVOKE_URI = fake.url + "/revoke"
        settings.SECONDTRACK_GOOGLE_DRIVE_API_URL = fake.url
        yield fake


def connect(client, provider: str, next_url: str = "/me/delivery/"):
    """Agree to the policy, authorise at the fake provider, and come back to the callback."""
    start = client.post(f"/me/delivery/{provider}/connect/", {"agree": "on", "next": next_url})
    assert start.status_code == 302, start.content
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.content
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


@pytest.fixture
def epub_bytes(tmp_path) -> bytes:
    """A small valid EPUB 3, as the reports app would render it."""
    book = epub.EpubBook()
    book.set_identifier("urn:uuid:9a7f7f1e-0000-4000-8000-000000000001")
    book.set_title("Chair's summary: Maritime Dialogue")
    book.set_language("en")
    chapter = epub.EpubHtml(title="Summary", file_name="summary.xhtml", lang="en")
    chapter.content = "<h1>Summary</h1><p>Participants discussed maritime confidence-building.</p>"
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = ["nav", chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    path = tmp_path / "summary.epub"
    epub.write_epub(str(path), book)
    return path.read_bytes()
