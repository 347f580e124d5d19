"""Notification fixtures: the delivery tests' real SMTP server on 127.0.0.1, and one
with nothing listening."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.helpers import member_with_role
from tests.delivery.conftest import _free_port, smtp  # noqa: F401 - the fixture, reused


@pytest.fixture
def unreachable_smtp(settings):
    """SMTP settings pointing at a port on 127.0.0.1 where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


@pytest.fixture
def world(db):
    """The shared small world, plus a funder and a Track One observer in Alpha."""
    w = factories.World.build()
    w.funder = member_with_role(w.alpha, "funder", "fiona@example.org")
    w.listener = member_with_role(w.alpha, "track_one_observer", "tom@example.org")
    return w


def recipients(inbox) -> list[str]:
    return sorted(m["To"] for m in inbox.messages)
