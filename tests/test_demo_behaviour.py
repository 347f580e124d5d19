"""The demo behaves: it prints the address it serves, sends no mail unless asked, survives
an unreachable mail server, keeps its ids across reloads, has a live session every demo
account can join, and a balloon with about forty people reacting in opinion groups."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from secondtrack.accounts.models import User
from secondtrack.balloons.models import Balloon, Pseudonym
from secondtrack.balloons.opinion import opinion_map
from secondtrack.cli import main
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole, Session
from secondtrack.notifications.models import Notice
from secondtrack.reports.models import Report
from tests.factories import DEMO_PASSWORD
from tests.notifications.conftest import unreachable_smtp  # noqa: F401 - the fixture


def demo(*extra):
    return main(["demo", "--password", DEMO_PASSWORD, *extra])


def test_it_prints_the_address_of_the_port_it_is_given(db, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    assert demo() == 0
    assert "log in at http://127.0.0.1:8123/login/" in capsys.readouterr().out
    assert demo("--port", "9001", "--host", "0.0.0.0") == 0  # noqa: S104 - printed only
    assert "log in at http://0.0.0.0:9001/login/" in capsys.readouterr().out


def test_it_rejects_a_port_that_is_not_one(db, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(SystemExit):
        demo()
    assert "'eighty' is not a port number" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_it_sends_no_mail_unless_asked(capsys):
    mail.outbox.clear()
    assert demo() == 0
    assert mail.outbox == []
    assert not Notice.objects.exists()  # nothing left for send_notifications either
    assert "no e-mail was sent" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("unreachable_smtp")
def test_with_send_mail_an_unreachable_server_gives_one_warning_line(capsys):
    assert demo("--send-mail") == 0
    out, err = capsys.readouterr()
    assert "password for every demo account" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: "), err
    assert "not sent" in lines[0] and "Traceback" not in err
    assert Notice.objects.filter(sent__isnull=True).exists()  # left for send_notifications


@pytest.mark.django_db(transaction=True)
def test_with_send_mail_the_notices_go_out(capsys):
    mail.outbox.clear()
    assert demo("--send-mail") == 0
    assert any("Memorandum" in m.subject for m in mail.outbox)
    assert capsys.readouterr().err == ""


def _ids():
    series = Series.objects.exclude(title="Another series").get()
    return (
        series.id,
        sorted(series.meetings.values_list("title", "id")),
        sorted(Session.objects.filter(meeting__series=series).values_list("title", "id")),
        sorted((b.title, str(b.id), b.meeting_id) for b in Balloon.objects.all()),
        sorted((r.title, str(r.id)) for r in Report.objects.all()),
    )


def test_reloading_keeps_the_ids_links_point_to(db, capsys):
    assert demo() == 0
    first = _ids()
    Meeting.objects.create(  # something else takes the next ids meanwhile
        series=Series.objects.create(title="Another series"),
        title="Another meeting",
        starts=timezone.localdate(),
        ends=timezone.localdate(),
    )
    assert demo() == 0
    assert _ids() == first


def test_a_live_session_is_open_now_in_a_meeting_every_demo_account_belongs_to(client, db):
    assert demo() == 0
    now = timezone.now()
    live = [
        s
        for s in Session.objects.filter(status="open", starts__lte=now)
        if s.starts + timedelta(minutes=s.duration_minutes) > now
    ]
    assert len(live) == 1
    session = live[0]
    for email in ("antonio.delacruz@example.org", "kenji.morikawa@example.org"):
        user = User.objects.get(email=email)
        assert Participation.objects.filter(
            meeting=session.meeting,
            person=user.person,
            status__in=Participation.MEMBER_STATUSES,
        ).exists()
        assert client.login(username=email, password=DEMO_PASSWORD)
        page = client.get(reverse("session", args=[session.id]))
        assert page.status_code == 200 and session.title in page.content.decode()


def test_one_balloon_has_about_forty_people_reacting_in_opinion_groups(db):
    assert demo() == 0
    balloon = Balloon.objects.get(status="open")
    reacting = Pseudonym.objects.filter(balloon=balloon, reactions__isnull=False).distinct()
    assert reacting.count() >= 40
    assert len(opinion_map(balloon).public()["groups"]) >= 2


@pytest.mark.django_db
def test_the_demo_series_has_neacd_delegation_targets_shown_while_inviting(client, capsys):
    demo()
    series = Series.objects.get()
    assert sorted(series.delegation.values_list("category", "count")) == [
        ("defence", 1),
        ("expert", 2),
        ("foreign", 1),
        ("uniformed", 1),
    ]
    convenor = SeriesRole.objects.filter(series=series, role="convenor").first().user
    client.force_login(convenor)
    meeting = Meeting.objects.filter(series=series, parent__isnull=True).order_by("starts").first()
    html = client.get(reverse("invite", args=[meeting.id])).content.decode()
    jp = html.split('id="delegation-JP"')[1].split("</table>")[0]
    assert "foreign-ministry official" in jp and "defence official" in jp
