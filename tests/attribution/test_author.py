"""Scanning as the author (issue 14): the API, the CLI and contributions on save."""

import json

from secondtrack.cli import main
from tests.record.helpers import bearer, post

# Carol is the only participant of meeting alpha from Korea; Alice is from Japan.
KOREAN_SLIP = "Korea has always wanted a hotline."


def scan(client, auth, meeting_id, text, **extra):
    return client.post(
        "/api/scan",
        {"text": text, "meeting": meeting_id, **extra},
        content_type="application/json",
        **auth,
    )


def test_api_scan_as_the_author_flags_their_own_country(client, world):
    auth = bearer(client, world.carol)
    plain = scan(client, auth, world.alpha.id, KOREAN_SLIP).json()["findings"]
    assert plain == []
    own = scan(client, auth, world.alpha.id, KOREAN_SLIP, author=world.carol.person_id)
    assert own.status_code == 200
    [finding] = own.json()["findings"]
    assert finding["category"] == "author"
    assert KOREAN_SLIP[finding["start"] : finding["end"]] == "Korea"
    assert "only participant from Korea" in finding["explanation"]
    assert finding["replacement"] == "one country"


def test_api_scan_as_someone_else_is_refused(client, world):
    auth = bearer(client, world.carol)
    response = scan(client, auth, world.alpha.id, KOREAN_SLIP, author=world.alice.person_id)
    assert response.status_code == 422
    assert "as yourself" in response.json()["detail"]


def test_a_contribution_is_scanned_as_written_by_its_author(client, world):
    session = world.alpha.sessions.get()
    body = post(client, bearer(client, world.carol), session.id, KOREAN_SLIP).json()
    assert [f["category"] for f in body["findings"]] == ["author"]
    other = post(client, bearer(client, world.alice), session.id, KOREAN_SLIP).json()
    assert other["findings"] == []  # for Alice, Korea is a topic


def test_cli_scan_with_an_author(tmp_path, capsys):
    registry = {
        "people": [
            {"id": "au1", "name": "Olivia Grant", "countries": ["AU"]},
            {"id": "jp1", "name": "Taro Yamada", "countries": ["JP"]},
        ]
    }
    (tmp_path / "r.json").write_text(json.dumps(registry), encoding="utf-8")
    (tmp_path / "t.txt").write_text("Australia is home to many farmers.", encoding="utf-8")
    args = ["scan", str(tmp_path / "t.txt"), "--registry", str(tmp_path / "r.json"), "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main([*args, "--author", "au1"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["category"] == "author" and finding["start"] == 0 and finding["end"] == 9
    assert main([*args, "--author", "nobody"]) == 2
    assert "not in the registry" in capsys.readouterr().err


def test_cli_scan_against_a_meeting_takes_a_person_id(world, tmp_path, capsys):
    path = tmp_path / "draft.txt"
    path.write_text(KOREAN_SLIP, encoding="utf-8")
    code = main(
        [
            "scan",
            str(path),
            "--meeting",
            str(world.alpha.id),
            "--author",
            str(world.carol.person_id),
        ]
    )
    assert code == 1
    assert "author “Korea” → “one country”" in capsys.readouterr().out


def test_a_report_draft_is_checked_as_written_by_the_person_saving_it(world):
    from secondtrack.dialogues.models import Participation
    from secondtrack.reports import services
    from secondtrack.reports.models import Report
    from secondtrack.reports.selectors import report_access

    Participation.objects.filter(meeting=world.alpha, person=world.carol.person).update(
        role="rapporteur"
    )
    report = Report.objects.create(
        series=world.series, meeting=world.alpha, kind="rapporteurs_report", title="Alpha"
    )
    found = services.save_draft(report_access(world.carol, report.id), "Alpha", KOREAN_SLIP)
    assert [(f.category, KOREAN_SLIP[f.start : f.end]) for f in found] == [("author", "Korea")]
    # The gate does not scan as anyone: for the published text, Korea is a topic.
    assert services.findings(Report.objects.get(id=report.id)) == []
