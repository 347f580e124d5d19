"""Each event notifies exactly those whom the policy lets read its object, and no notice
names who floated, said or commented anything."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from secondtrack.dialogues.models import Series, SeriesRole
from secondtrack.notifications.models import Kind, Notice
from secondtrack.notifications.services import notify_due_reminders
from secondtrack.reports.models import Report, ReportVersion
from secondtrack.trackone import services as trackone
from secondtrack.trackone.models import Body, Proposal, Transmission
from tests import factories
from tests.api.helpers import call
from tests.notifications.conftest import recipients

pytestmark = pytest.mark.django_db(transaction=True)


def float_in(client, world, user, where=None):
    path = where or f"/api/meetings/{world.alpha.id}/balloons"
    response = call(client, "post", path, user, {"text": "A joint hotline between coastguards"})
    assert response.status_code == 201, response.content
    return response


def test_a_new_balloon_reaches_every_reader_of_the_meeting_its_author_too(client, world, smtp):
    float_in(client, world, world.alice)
    assert recipients(smtp) == sorted(
        [world.alice.email, world.carol.email, world.listener.email, world.convenor.email]
    )


def test_a_balloon_notice_never_reaches_a_funder_or_another_meeting(client, world, smtp):
    float_in(client, world, world.alice)
    for outsider in (world.funder, world.bob, world.outsider):
        assert outsider.email not in recipients(smtp)
        assert not Notice.objects.filter(recipient=outsider.email).exists()


def test_a_balloon_notice_does_not_say_who_floated_it(client, world, smtp):
    float_in(client, world, world.alice)
    for message in smtp.messages:
        text = message.as_string()
        assert "Alice" not in text and "alice@" not in text.replace(message["To"], "")
        assert "joint hotline" in text.lower()
    # Every reader's notice is the same text, the author's included.
    assert len({m.get_payload() for m in smtp.messages}) == 1


def test_a_series_wide_balloon_reaches_readers_of_every_meeting(client, world, smtp):
    float_in(client, world, world.alice, where=f"/api/series/{world.series.id}/balloons")
    assert world.bob.email in recipients(smtp) and world.alice.email in recipients(smtp)
    assert world.funder.email not in recipients(smtp)
    assert world.outsider.email not in recipients(smtp)


def test_a_circulated_draft_reaches_those_who_review_with_its_deadline(client, world, smtp):
    report = Report.objects.create(
        series=world.series, meeting=world.alpha, kind="rapporteurs_report", title="Alpha report"
    )
    response = call(
        client,
        "post",
        f"/api/reports/{report.id}/circulate",
        world.convenor,
        {"deadline": "2999-01-31"},
    )
    assert response.status_code == 200, response.content
    # Reviewers only: not the listening Track One observer, the funder or Beta's Bob.
    assert recipients(smtp) == sorted([world.alice.email, world.carol.email])
    assert "31 January 2999" in smtp.messages[0]["Subject"]
    assert "Thursday 31 January 2999" in smtp.messages[0].get_payload()


def test_a_memorandum_response_reaches_the_series_convenors_only(world, smtp):
    other = factories.user_for(None, "other-convenor@example.org")
    SeriesRole.objects.create(
        series=Series.objects.create(title="Else"), user=other, role="convenor"
    )
    memo = Report.objects.create(
        series=world.series, kind="memorandum", title="Hotline memorandum", status="published"
    )
    version = ReportVersion.objects.create(
        report=memo,
        number=1,
        title=memo.title,
        body="x",
        visibility="series",
        published_on=date(2025, 4, 1),
    )
    proposal = Proposal.objects.create(memorandum=memo, text="A coastguard hotline")
    body = Body.objects.create(series=world.series, name="ARF ISM", kind="intergovernmental_forum")
    transmission = Transmission.objects.create(
        version=version,
        body=body,
        sent_on=date(2025, 4, 2),
        token_hash="h" * 64,
        expires=timezone.now() + timedelta(days=30),
    )
    trackone.record_response(transmission, proposal, "adopted", by_recipient=True)
    assert recipients(smtp) == [world.convenor.email]
    assert "ARF ISM" in smtp.messages[0].get_payload()


def test_reminders_go_to_each_member_once_within_48_hours(world, smtp):
    now = timezone.now()
    soon = now + timedelta(hours=30)
    world.alpha.sessions.update(starts=soon)
    world.beta.sessions.update(starts=now + timedelta(days=5))
    notify_due_reminders(now)
    notify_due_reminders(now + timedelta(hours=1))  # the next cron run: nothing new
    members = [world.alice, world.carol, world.funder, world.listener]
    assert recipients(smtp) == sorted(u.email for u in members)
    assert all(m["Subject"].startswith("Reminder: Alpha Meeting") for m in smtp.messages)
    assert "Chatham House Rule" in smtp.messages[0].get_payload()


def test_a_meeting_without_timed_sessions_is_reminded_from_its_first_day(world, smtp):
    world.alpha.sessions.update(starts=None)
    world.alpha.starts = world.alpha.ends = (timezone.now() + timedelta(days=1)).date()
    world.alpha.save()
    notify_due_reminders(timezone.now())
    assert world.alice.email in recipients(smtp)


def test_a_session_opening_is_announced_once(world, smtp):
    from secondtrack.notifications.services import notify_session_open

    session = world.alpha.sessions.get()
    notify_session_open(session)
    notify_session_open(session)
    assert len(smtp.messages) == 4
    assert Notice.objects.values_list("kind", flat=True).distinct().get() == Kind.SESSION_OPEN


def test_an_invitation_is_sent_after_commit_through_the_outbox(client, world, smtp):
    response = call(
        client,
        "post",
        f"/api/meetings/{world.alpha.id}/invitations",
        world.convenor,
        {"name": "Dao Minh", "email": "dao@example.org"},
    )
    assert response.status_code == 201
    (message,) = smtp.messages
    assert message["To"] == "dao@example.org"
    assert message["Subject"] == "Invitation: Alpha Meeting"
    assert "/invitation/" in message.get_payload()
