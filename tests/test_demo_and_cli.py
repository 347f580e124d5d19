from django.urls import reverse

from secondtrack.accounts.models import User
from secondtrack.cli import main
from secondtrack.dialogues.models import Meeting, Session
from secondtrack.registry.models import Person
from tests.factories import DEMO_PASSWORD


def test_demo_has_three_meetings_forty_people_and_every_rule(demo):
    assert Meeting.objects.count() == 3
    assert Person.objects.count() >= 40
    assert set(Session.objects.values_list("rule", flat=True)) == {
        "on_the_record",
        "chatham_house",
        "non_attributable",
        "off_the_record",
    }
    countries = {c for p in Person.objects.all() for c in p.countries}
    assert len(countries) >= 8


def test_demo_tracks_differ_between_meetings(client, demo):
    from secondtrack.analytics.selectors import meeting_track
    from secondtrack.dialogues.selectors import meetings_with_people

    tracks = [
        meeting_track(m).track for m in meetings_with_people(Meeting.objects.order_by("starts"))
    ]
    assert tracks[0] == "2"
    assert tracks[1] == "1.5"


def test_demo_professor_advising_defence_ministry_is_close_to_government(demo):
    from datetime import date

    professor = Person.objects.get(email="kenji.morikawa@example.org")
    score = professor.officialness(date(2025, 9, 16))
    assert 0.5 <= score.score < 0.9
    assert not score.serving_official


def test_demo_participant_sees_one_meeting_but_not_another(client, demo):
    assert client.login(username="antonio.delacruz@example.org", password=DEMO_PASSWORD)
    third = Meeting.objects.order_by("starts").last()
    first = Meeting.objects.order_by("starts").first()
    assert client.get(reverse("meeting", args=[first.id])).status_code == 200
    assert client.get(reverse("meeting", args=[third.id])).status_code == 404


def test_demo_can_be_loaded_twice(db, capsys):
    assert main(["demo", "--password", "first-password-1"]) == 0
    assert main(["demo", "--password", "second-password-2"]) == 0
    assert Meeting.objects.count() == 3
    out = capsys.readouterr().out
    assert "weiling.lim@example.org" in out and "second-password-2" in out
    assert User.objects.get(email="weiling.lim@example.org").check_password("second-password-2")


def test_createadmin_makes_a_platform_admin(db, capsys):
    assert (
        main(["createadmin", "--email", "Ops@Example.org", "--password", "a long admin phrase"])
        == 0
    )
    admin = User.objects.get(email="ops@example.org")
    assert admin.is_staff and admin.is_superuser


def test_createadmin_refuses_a_weak_password(db, capsys):
    assert main(["createadmin", "--email", "ops@example.org", "--password", "123"]) == 1
    assert "too short" in capsys.readouterr().err
    assert not User.objects.exists()


def test_admin_is_for_platform_admins_only(client, demo):
    assert client.login(username="weiling.lim@example.org", password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_demo_balloons_show_groups_and_cross_line_consensus(client, demo):
    from secondtrack.balloons.models import Balloon
    from secondtrack.balloons.opinion import opinion_map

    open_balloon = Balloon.objects.get(status="open")
    public = opinion_map(open_balloon).public()
    assert len(public["groups"]) >= 2
    assert public["cross_line"]
    closed = Balloon.objects.filter(status="closed").order_by("floated_on", "previous")
    assert {b.outcome for b in closed} == {"parked", "consensus"}
    assert all(b.final_map for b in closed)


def test_demo_data_keeps_its_invariants():
    import subprocess
    import sys
    from pathlib import Path

    import secondtrack.demo

    checker = Path(secondtrack.demo.__file__).with_name("check_dialogue.py")
    result = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: all invariants hold" in result.stdout


def test_demo_prints_one_account_per_role_each_line_naming_it(db, capsys):
    from secondtrack.core.policy import MEETING_ROLES, SERIES_ROLES

    assert main(["demo", "--password", DEMO_PASSWORD]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    printed = {words[0] for words in lines if len(words) > 1 and "@" in words[1]}
    assert printed == {r.value for r in (*MEETING_ROLES, *SERIES_ROLES)}


def test_each_demo_account_holds_the_role_it_is_printed_with(demo):
    from secondtrack.access.standing import meeting_grants, series_grants
    from secondtrack.core.policy import Role

    for account in demo.values():
        user = User.objects.get(email=account.email)
        roles = set(series_grants(user, Meeting.objects.first().series_id).roles)
        for m in Meeting.objects.all():
            roles |= meeting_grants(user, m)[0].roles
        assert Role(account.role) in roles, account
