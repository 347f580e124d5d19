"""Clearance gates publication: a draft in review is published after its deadline, once
every comment is resolved, or by a convenor override with a recorded reason; circulation
and publication reach the participants."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from secondtrack.notifications.models import Notice
from secondtrack.reports.models import ClearanceOverride, Report, ReportVersion, ReviewComment
from tests.api.helpers import call
from tests.factories import PASSWORD


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def in_review(client, world, report, days=14):
    login(client, world.convenor)
    deadline = timezone.localdate() + timedelta(days=days)
    client.post(reverse("report_circulate", args=[report.id]), {"deadline": deadline.isoformat()})
    client.logout()
    login(client, world.alice)
    client.post(reverse("report_review", args=[report.id]), {"text": "Shorten the summary."})
    client.logout()
    login(client, world.convenor)


def publish(client, report, **extra):
    return client.post(
        reverse("report_publish", args=[report.id]), {"visibility": "meeting", **extra}, follow=True
    )


def counts():
    return (
        ReportVersion.objects.count(),
        ClearanceOverride.objects.count(),
        ReviewComment.objects.filter(tag__isnull=False).count(),
        Notice.objects.filter(kind="publication").count(),
    )


def test_it_refuses_publication_while_a_comment_is_open_before_the_deadline(client, world, report):
    in_review(client, world, report)
    before = counts()
    page = publish(client, report).content.decode()
    assert "Publication refused: the draft is in review until" in page
    assert "1 participant comment(s) are not resolved" in page
    assert counts() == before
    assert Report.objects.get().status == "in_review"
    assert 'name="override_reason"' in page and "Publish with convenor override" in page


def test_resolving_every_comment_lets_it_through(client, world, report):
    in_review(client, world, report)
    comment = ReviewComment.objects.get()
    client.post(reverse("report_resolve", args=[report.id, comment.id]), {"resolution": "Done."})
    publish(client, report)
    assert ReportVersion.objects.get().number == 1
    assert not ClearanceOverride.objects.exists()


def test_a_passed_deadline_lets_it_through(client, world, report):
    in_review(client, world, report)
    Report.objects.filter(id=report.id).update(
        review_deadline=timezone.localdate() - timedelta(days=1)
    )
    publish(client, report)
    assert ReportVersion.objects.count() == 1


def test_a_convenor_override_is_recorded_and_shown_with_the_version(client, world, report):
    in_review(client, world, report)
    page = publish(client, report, override_reason="The ministerial meeting is on Monday.")
    assert "Version 1 published." in page.content.decode()
    override = ClearanceOverride.objects.get()
    assert override.convenor == world.convenor and override.open_comments == 1
    assert override.version == ReportVersion.objects.get()
    client.logout()
    login(client, world.alice)
    shown = client.get(reverse("report", args=[report.id])).content.decode()
    assert "by convenor override" in shown and "The ministerial meeting is on Monday." in shown


def test_the_api_refuses_with_review_open_and_accepts_an_override(client, world, report):
    in_review(client, world, report)
    path = f"/api/reports/{report.id}/publish"
    refused = call(client, "post", path, world.convenor, {"visibility": "meeting"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "review_open"
    assert not ReportVersion.objects.exists()
    body = {"visibility": "meeting", "override_reason": "Agreed with the co-chairs."}
    accepted = call(client, "post", path, world.convenor, body)
    assert accepted.status_code == 201, accepted.content
    assert ClearanceOverride.objects.get().reason == "Agreed with the co-chairs."


def test_a_participant_cannot_override(client, world, report):
    in_review(client, world, report)
    client.logout()
    login(client, world.carol)  # the rapporteur drafts but does not publish
    publish(client, report, override_reason="I say so.")
    assert not ReportVersion.objects.exists() and not ClearanceOverride.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_publication_notifies_the_meetings_readers_after_commit(client, world, report):
    login(client, world.convenor)
    mail.outbox.clear()
    publish(client, report)
    to = sorted(m.to[0] for m in mail.outbox)
    # Those who read the meeting's content: not Beta's Bob.
    assert to == sorted([world.convenor.email, world.alice.email, world.carol.email])
    assert all("Published: Alpha report" in m.subject for m in mail.outbox)
