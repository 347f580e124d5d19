"""`secondtrack plan MEETING.toml`: create or update a meeting and its timetable, all or
nothing, every bad field reported by its path."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from secondtrack.cli import main
from secondtrack.core.meeting_plan import PlanErrors, read_plan
from secondtrack.dialogues.models import Meeting, Session

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "meeting.toml"

PLAN = """
series = {series}
title = "Jeju Round"
place = "Jeju"
starts = 2031-06-14
ends = 2031-06-15
time_zone = "Asia/Seoul"

[[sessions]]
title = "Opening"
rule = "on_the_record"
starts = 2031-06-14T09:00:00
duration_minutes = 60
room = "Halla Hall"

[[sessions]]
title = "Hotlines"
rule = "{rule}"
starts = 2031-06-14T10:30:00+09:00
duration_minutes = 90
"""


def write(tmp_path, text) -> str:
    path = tmp_path / "meeting.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_example_file_is_a_valid_plan():
    plan = read_plan(EXAMPLE.read_text(encoding="utf-8"))
    assert len(plan.sessions) == 6 and len({s.rule for s in plan.sessions}) == 4


def test_it_reports_every_bad_field_by_its_path():
    text = PLAN.format(series=1, rule="whispered").replace("2031-06-15", "2031-06-13")
    text += '\n[[sessions]]\ntitle = ""\nrule = "chatham_house"\nduration_minutes = 0\n'
    with pytest.raises(PlanErrors) as caught:
        read_plan(text)
    problems = caught.value.problems
    assert "ends: the meeting ends before it starts" in problems
    assert any(
        p.startswith(
            "sessions[2].rule: 'whispered' is not a session rule; use one of on_the_record"
        )
        for p in problems
    )
    assert any(p.startswith("sessions[3].title: missing") for p in problems)
    assert any(p.startswith("sessions[3].duration_minutes:") for p in problems)


def test_it_creates_the_meeting_and_reads_times_in_its_zone(world, tmp_path, capsys):
    assert (
        main(["plan", write(tmp_path, PLAN.format(series=world.series.id, rule="chatham_house"))])
        == 0
    )
    meeting = Meeting.objects.get(title="Jeju Round")
    opening, hotlines = meeting.sessions.order_by("position")
    assert opening.starts == datetime(2031, 6, 14, 0, 0, tzinfo=UTC)
    assert hotlines.starts == datetime(2031, 6, 14, 1, 30, tzinfo=UTC)
    assert (opening.room, hotlines.rule, hotlines.status) == (
        "Halla Hall",
        "chatham_house",
        "scheduled",
    )
    assert "created" in capsys.readouterr().out


def test_running_it_again_updates_the_same_meeting(world, tmp_path):
    path = write(tmp_path, PLAN.format(series=world.series.id, rule="chatham_house"))
    main(["plan", path])
    main(["plan", write(tmp_path, PLAN.format(series=world.series.id, rule="non_attributable"))])
    meeting = Meeting.objects.get(title="Jeju Round")
    assert meeting.sessions.count() == 2
    assert meeting.sessions.get(title="Hotlines").rule == "non_attributable"


def test_it_refuses_to_change_a_locked_rule_and_writes_nothing(world, tmp_path, capsys):
    main(["plan", write(tmp_path, PLAN.format(series=world.series.id, rule="chatham_house"))])
    meeting = Meeting.objects.get(title="Jeju Round")
    Session.objects.filter(meeting=meeting, title="Hotlines").update(
        status="open", starts=timezone.now() - timedelta(minutes=5)
    )
    changed = PLAN.format(series=world.series.id, rule="on_the_record").replace(
        'Jeju"', 'Seogwipo"'
    )
    assert main(["plan", write(tmp_path, changed)]) == 1
    err = capsys.readouterr().err
    assert "sessions[2].rule:" in err and "locked" in err and "Nothing was written" in err
    meeting.refresh_from_db()
    assert meeting.place == "Jeju"  # all or nothing
    assert meeting.sessions.get(title="Hotlines").rule == "chatham_house"


def test_it_matches_an_explicit_meeting_id(world, tmp_path):
    text = f"meeting = {world.alpha.id}\n" + PLAN.format(
        series=world.series.id, rule="off_the_record"
    )
    assert main(["plan", write(tmp_path, text)]) == 0
    world.alpha.refresh_from_db()
    assert world.alpha.title == "Jeju Round" and world.alpha.time_zone == "Asia/Seoul"


def test_it_refuses_a_series_that_does_not_exist(db, tmp_path, capsys):
    assert main(["plan", write(tmp_path, PLAN.format(series=999, rule="chatham_house"))]) == 1
    assert "series: there is no series 999" in capsys.readouterr().err
    assert not Meeting.objects.exists()


def test_it_reports_bad_toml(db, tmp_path, capsys):
    assert main(["plan", write(tmp_path, "title = ")]) == 1
    assert "file: not valid TOML" in capsys.readouterr().err
