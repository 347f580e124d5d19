"""The timetable and the rule lock at the model, service, admin and page layers."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secondtrack.dialogues import services, timetable
from secondtrack.dialogues.admin import SessionAdmin
from secondtrack.dialogues.models import RuleLocked, Session
from secondtrack.record.due import open_and_close_due
from tests.factories import PASSWORD, user_for


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def later(**delta):
    return timezone.now() + timedelta(**delta)


@pytest.fixture
def scheduled(world):
    return services.add_session(
        world.alpha, "Maritime hotlines", "chatham_house", starts=later(days=3), room="Hall B"
    )


def test_a_session_with_a_future_start_is_scheduled(scheduled):
    assert scheduled.status == "scheduled"
    assert not scheduled.rule_locked


def test_a_session_without_a_start_is_open_at_once_and_locked(world):
    session = services.add_session(world.alpha, "Now", "on_the_record")
    assert session.status == "open" and session.rule_locked


def test_model_save_refuses_a_changed_rule_once_started(world):
    session = world.alpha.sessions.get()  # open, no start: started
    session.rule = "on_the_record"
    with pytest.raises(RuleLocked):
        session.save()
    session.refresh_from_db()
    assert session.rule == "chatham_house"


def test_model_save_refuses_a_changed_rule_on_a_closed_session(world):
    session = world.alpha.sessions.get()
    Session.objects.filter(id=session.id).update(status="closed", starts=later(days=9))
    session.refresh_from_db()
    session.rule = "off_the_record"
    with pytest.raises(ValidationError):
        session.save()


def test_model_save_allows_other_fields_of_a_started_session(world):
    session = world.alpha.sessions.get()
    session.room = "Room 2"
    session.save()
    assert Session.objects.get(id=session.id).room == "Room 2"


def test_service_changes_the_rule_before_the_start(scheduled):
    services.change_rule(scheduled, "non_attributable")
    assert Session.objects.get(id=scheduled.id).rule == "non_attributable"


def test_service_refuses_a_changed_rule_after_the_start(scheduled):
    Session.objects.filter(id=scheduled.id).update(starts=later(minutes=-5))
    with pytest.raises(RuleLocked):
        services.change_rule(Session.objects.get(id=scheduled.id), "on_the_record")


def test_service_rejects_a_rule_that_does_not_exist(world):
    with pytest.raises(ValidationError, match="not a session rule"):
        services.add_session(world.alpha, "X", "whispered")


def test_the_facilitator_must_be_a_member(world, scheduled):
    with pytest.raises(ValidationError, match="member of this meeting"):
        timetable.edit_session(scheduled, facilitator=world.bob.person_id)
    timetable.edit_session(scheduled, facilitator=world.alice.person_id)
    assert Session.objects.get(id=scheduled.id).facilitator_id == world.alice.person_id


def test_a_session_opens_when_it_starts(scheduled):
    Session.objects.filter(id=scheduled.id).update(starts=later(minutes=-1))
    open_and_close_due(scheduled.meeting)
    assert Session.objects.get(id=scheduled.id).status == "open"


def test_a_session_closes_at_its_end_through_the_close_path(world, scheduled, monkeypatch):
    from secondtrack.record import services as record_services

    closed = []
    real = record_services.close_now
    monkeypatch.setattr(record_services, "close_now", lambda s, *a: closed.append(s.id) or real(s))
    Session.objects.filter(id=scheduled.id).update(starts=later(hours=-2), duration_minutes=60)
    open_and_close_due(scheduled)
    assert scheduled.status == "closed" and closed == [scheduled.id]


def test_a_started_session_cannot_be_removed(world):
    with pytest.raises(timetable.SessionStarted):
        timetable.remove_session(world.alpha.sessions.get())


def test_a_convenor_opens_a_scheduled_session_early(scheduled):
    assert timetable.open_session(scheduled).status == "open"
    with pytest.raises(timetable.SessionStarted):
        timetable.open_session(scheduled)


def test_admin_shows_the_rule_read_only_once_started(world, scheduled, rf):
    admin = SessionAdmin(Session, AdminSite())
    request = rf.get("/")
    assert "rule" not in admin.get_readonly_fields(request, scheduled)
    assert "rule" in admin.get_readonly_fields(request, world.alpha.sessions.first())


def test_admin_form_refuses_a_changed_rule_once_started(world):
    session = world.alpha.sessions.get()
    staff = user_for(None, "staff@example.org", is_staff=True, is_superuser=True)
    from django.test import Client

    client = Client()
    client.force_login(staff)
    url = reverse("admin:dialogues_session_change", args=[session.id])
    page = client.get(url).content.decode()
    assert 'name="rule"' not in page  # shown, not editable
    data = {
        "meeting": session.meeting_id,
        "title": session.title,
        "rule": "on_the_record",
        "status": session.status,
        "duration_minutes": 60,
        "position": 0,
    }
    client.post(url, data)
    assert Session.objects.get(id=session.id).rule == "chatham_house"


def test_page_adds_a_timed_session_in_the_meetings_zone(client, world):
    world.alpha.time_zone = "Asia/Seoul"
    world.alpha.save()
    login(client, world.convenor)
    starts = (timezone.now() + timedelta(days=30)).astimezone(timetable.zone_of(world.alpha))
    data = {
        "title": "Nuclear risk",
        "rule": "non_attributable",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "room": "Jade",
    }
    response = client.post(reverse("timetable_add", args=[world.alpha.id]), data)
    assert response.status_code == 302
    session = world.alpha.sessions.get(title="Nuclear risk")
    assert session.status == "scheduled" and session.room == "Jade"
    assert session.starts == starts.replace(second=0, microsecond=0)


def test_page_answers_a_partial_to_htmx(client, world, scheduled):
    login(client, world.convenor)
    response = client.post(reverse("timetable_remove", args=[scheduled.id]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section id="timetable"')
    assert "removed" in body
    assert not Session.objects.filter(id=scheduled.id).exists()


def test_page_edit_refuses_a_changed_rule_once_started(client, world):
    session = world.alpha.sessions.get()
    login(client, world.convenor)
    data = {"title": "Plenary", "rule": "on_the_record", "duration_minutes": "60"}
    client.post(reverse("timetable_edit", args=[session.id]), data)
    assert Session.objects.get(id=session.id).rule == "chatham_house"  # disabled field


def test_page_edit_changes_the_rule_before_the_start(client, world, scheduled):
    login(client, world.convenor)
    data = {"title": "Hotlines", "rule": "off_the_record", "duration_minutes": "45"}
    client.post(reverse("timetable_edit", args=[scheduled.id]), data)
    session = Session.objects.get(id=scheduled.id)
    assert (session.title, session.rule, session.duration_minutes) == (
        "Hotlines",
        "off_the_record",
        45,
    )


def test_members_may_not_edit_the_timetable(client, world, scheduled):
    login(client, world.alice)
    assert client.get(reverse("timetable_edit", args=[scheduled.id])).status_code == 403
    login(client, world.bob)
    assert client.get(reverse("timetable_edit", args=[scheduled.id])).status_code == 404


def test_the_meeting_page_shows_each_rule_and_both_zones(client, world, scheduled):
    login(client, world.alice)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert "Maritime hotlines" in page and "Chatham House" in page
    assert f'datetime="{scheduled.starts.isoformat()}' in page or "<time datetime=" in page
    assert "timetable.js" in page and "Add a session" not in page


def test_posting_to_a_scheduled_session_is_refused(client, world, scheduled):
    from tests.record.helpers import bearer, post

    response = post(client, bearer(client, world.alice), scheduled.id, "Too early.")
    assert response.status_code == 409
    assert "has not started" in response.json()["detail"]


def test_the_invitation_email_shows_each_rule(
    world, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_participant(
            meeting=world.alpha,
            invited_by=world.convenor,
            email="new@example.org",
            name="New Person",
            base_url="http://testserver/",
        )
    body = mailoutbox[-1].body
    assert "Maritime hotlines" in body and "Chatham House" in body
