"""The attribution checker at the edges: API, CLI, and contributions scanned on save."""

import json

from django.urls import reverse

from secondtrack.cli import main
from secondtrack.dialogues.models import Session
from tests.factories import PASSWORD
from tests.record.helpers import bearer, post

SLIP = "As Alice Tanaka said, my ministry cannot accept this."


def scan(client, auth, meeting_id, text):
    return client.post(
        "/api/scan", {"text": text, "meeting": meeting_id}, content_type="application/json", **auth
    )


def test_api_scan_returns_findings_in_the_contract_shape(client, world):
    response = scan(client, bearer(client, world.carol), world.alpha.id, SLIP)
    assert response.status_code == 200
    findings = response.json()["findings"]
    name = next(f for f in findings if f["category"] == "name")
    assert SLIP[name["start"] : name["end"]] == "Alice Tanaka"
    assert name["severity"] == "high" and name["replacement"] == "a participant"
    assert set(name) == {"start", "end", "category", "severity", "replacement", "explanation"}
    assert any(f["category"] == "self_reference" for f in findings)


def test_api_scan_is_404_for_another_meeting(client, world):
    response = scan(client, bearer(client, world.bob), world.alpha.id, SLIP)
    assert response.status_code == 404


def test_api_scan_refuses_oversized_text(client, world):
    response = scan(client, bearer(client, world.carol), world.alpha.id, "x" * 400_001)
    assert response.status_code == 422


def test_chatham_house_contribution_is_scanned_on_save(client, world):
    session = world.alpha.sessions.get()
    body = post(client, bearer(client, world.carol), session.id, SLIP).json()
    assert {f["category"] for f in body["findings"]} >= {"name", "self_reference"}


def test_on_the_record_contributions_are_not_scanned(client, world):
    session = world.alpha.sessions.get()
    Session.objects.filter(id=session.id).update(rule="on_the_record")  # before it started
    body = post(client, bearer(client, world.carol), session.id, SLIP).json()
    assert body["findings"] == []


def test_the_session_page_checks_as_the_author_types(client, world):
    session = world.alpha.sessions.get()
    assert client.login(username=world.carol.email, password=PASSWORD)
    response = client.post(reverse("check_contribution", args=[session.id]), {"text": SLIP})
    assert any(f["category"] == "name" for f in response.json()["findings"])
    client.logout()
    assert client.login(username=world.bob.email, password=PASSWORD)
    forbidden = client.post(reverse("check_contribution", args=[session.id]), {"text": SLIP})
    assert forbidden.status_code == 404


def test_cli_scan_against_a_meeting(world, tmp_path, capsys):
    path = tmp_path / "draft.txt"
    path.write_text("Fine text.\n" + SLIP + "\n", encoding="utf-8")
    assert main(["scan", str(path), "--meeting", str(world.alpha.id)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: high name “Alice Tanaka” → “a participant”" in out


def test_cli_scan_against_a_registry_file_prints_json(tmp_path, capsys):
    registry = {
        "organisations": [
            {
                "id": "o1",
                "name": "Institute of Maritime Affairs",
                "acronym": "IMA",
                "country": "JP",
                "kind": "think_tank",
            }
        ],
        "people": [
            {
                "id": "p1",
                "name": "Hiroshi Tanaka",
                "other_names": ["田中博"],
                "honorific": "Prof.",
                "countries": ["JP"],
                "affiliations": [{"organisation": "o1", "role": "Senior Fellow"}],
            }
        ],
        "participants": ["p1"],
    }
    (tmp_path / "registry.json").write_text(json.dumps(registry), encoding="utf-8")
    (tmp_path / "t.txt").write_text("田中博さんとIMAの見解。Clean.", encoding="utf-8")
    code = main(
        ["scan", str(tmp_path / "t.txt"), "--registry", str(tmp_path / "registry.json"), "--json"]
    )
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert {f["category"] for f in findings} == {"name", "affiliation"}


def test_cli_scan_with_a_clean_text_exits_zero(tmp_path, capsys):
    (tmp_path / "r.json").write_text('{"organisations": [], "people": []}')
    (tmp_path / "t.txt").write_text("Participants agreed to meet again.")
    assert main(["scan", str(tmp_path / "t.txt"), "--registry", str(tmp_path / "r.json")]) == 0
    assert "0 finding(s)." in capsys.readouterr().out


def test_cli_scan_reports_a_bad_registry(tmp_path, capsys):
    (tmp_path / "r.json").write_text('{"people": [{"id": "p1"}]}')
    (tmp_path / "t.txt").write_text("x")
    assert main(["scan", str(tmp_path / "t.txt"), "--registry", str(tmp_path / "r.json")]) == 2
    assert "people[0]" in capsys.readouterr().err
