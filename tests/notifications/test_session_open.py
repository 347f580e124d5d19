"""A session's opening is announced when its status becomes open: at its start, or when
a convenor opens it early; never for a session that has already ended unseen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from secondtrack.dialogues import timetable
from secondtrack.dialogues.models import Session
from secondtrack.record.due import open_and_close_due
from tests.notifications.conftest import recipients

pytestmark = pytest.mark.django_db(transaction=True)


def scheduled(world, starts, minutes=60):
    return Session.objects.create(
        meeting=world.alpha,
        title="Maritime hotlines",
        rule="chatham_house",
        status="scheduled",
        starts=starts,
        duration_minutes=minutes,
    )


def test_a_session_that_reaches_its_start_is_announced_once(world, smtp):
    session = scheduled(world, timezone.now() - timedelta(minutes=1))
    open_and_close_due(world.alpha)
    open_and_close_due(session)
    session.refresh_from_db()
    assert session.status == "open"
    assert recipients(smtp) == sorted(
        [world.alice.email, world.carol.email, world.listener.email, world.convenor.email]
    )
    assert all("Session open: Maritime hotlines" in m["Subject"] for m in smtp.messages)


def test_a_convenor_opening_a_session_early_announces_it(world, smtp):
    session = scheduled(world, timezone.now() + timedelta(days=2))
    timetable.open_session(session)
    assert len(smtp.messages) == 4
    assert "Chatham House Rule" in smtp.messages[0].get_payload()


def test_a_session_that_ended_before_anyone_met_it_is_not_announced(world, smtp):
    scheduled(world, timezone.now() - timedelta(hours=3), minutes=60)
    open_and_close_due(world.alpha)
    assert smtp.messages == []


def test_a_scheduled_session_is_not_announced(world, smtp):
    scheduled(world, timezone.now() + timedelta(hours=3))
    open_and_close_due(world.alpha)
    assert smtp.messages == []
