import pytest

from secondtrack.dialogues.models import Participation, Series
from secondtrack.reports.models import Report, ReportVersion, ReviewComment
from tests.api.helpers import call, member_with_role


@pytest.fixture
def report(world):
    """A draft of meeting alpha; carol is its rapporteur."""
    Participation.objects.filter(meeting=world.alpha, person=world.carol.person).update(
        role="rapporteur"
    )
    return Report.objects.create(
        series=world.series,
        meeting=world.alpha,
        kind="rapporteurs_report",
        title="Alpha report",
        body="## Summary\n\nParticipants discussed hotlines.\n",
    )


def test_a_rapporteur_creates_and_saves_a_draft_with_findings(client, world, report):
    created = call(
        client,
        "post",
        f"/api/meetings/{world.alpha.id}/reports",
        world.carol,
        {"kind": "chairs_summary", "title": "Chair"},
    )
    assert created.status_code == 201
    saved = call(
        client,
        "put",
        f"/api/reports/{report.id}",
        world.carol,
        {"title": "Alpha", "body": "Alice Tanaka said so."},
    )
    assert saved.status_code == 200
    assert any(f["category"] == "name" for f in saved.json()["findings"])
    detail = call(client, "get", f"/api/reports/{report.id}", world.carol).json()
    assert detail["draft"]["body"] == "Alice Tanaka said so." and detail["can_edit"]


def test_it_rejects_creation_by_outsiders_404_and_track_one_observers_403(client, world):
    observer = member_with_role(world.alpha, "track_one_observer", "tom@example.org")
    path = f"/api/meetings/{world.alpha.id}/reports"
    assert (
        call(client, "post", path, world.bob, {"kind": "chairs_summary", "title": "x"}).status_code
        == 404
    )
    assert (
        call(client, "post", path, observer, {"kind": "chairs_summary", "title": "x"}).status_code
        == 403
    )
    assert not Report.objects.exists()


def test_review_circulate_comment_approve_resolve(client, world, report):
    base = f"/api/reports/{report.id}"
    assert (
        call(
            client, "post", base + "/circulate", world.carol, {"deadline": "2999-01-01"}
        ).status_code
        == 403
    )
    assert (
        call(
            client, "post", base + "/circulate", world.convenor, {"deadline": "2999-01-01"}
        ).status_code
        == 200
    )
    reader = call(client, "get", base, world.alice).json()
    assert reader["draft"]["findings"] is None and reader["can_review"]
    comment = call(client, "post", base + "/comments", world.alice, {"text": "Tighten."})
    assert comment.status_code == 201
    (row,) = call(client, "get", base + "/comments", world.alice).json()
    assert row["yours"] is True
    assert call(client, "post", base + "/approve", world.alice).status_code == 200
    resolve = f"{base}/comments/{comment.json()['id']}/resolve"
    assert call(client, "post", resolve, world.alice, {}).status_code == 403
    assert call(client, "post", resolve, world.carol, {"resolution": "Done"}).status_code == 200
    assert ReviewComment.objects.get().resolved


def test_it_rejects_review_by_a_funder_and_outsiders(client, world, report):
    funder = member_with_role(world.alpha, "funder", "fay@example.org")
    base = f"/api/reports/{report.id}"
    call(client, "post", base + "/circulate", world.convenor, {"deadline": "2999-01-01"})
    assert call(client, "post", base + "/comments", funder, {"text": "x"}).status_code == 404
    assert call(client, "post", base + "/comments", world.bob, {"text": "x"}).status_code == 404
    assert not ReviewComment.objects.exists()


def test_publish_is_refused_with_the_open_findings_then_dismissed(client, world, report):
    base = f"/api/reports/{report.id}"
    call(client, "put", base, world.carol, {"title": "Alpha", "body": "Alice Tanaka said so."})
    refused = call(client, "post", base + "/publish", world.convenor, {"visibility": "meeting"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "open_findings" and refused.json()["findings"]
    assert not ReportVersion.objects.exists()
    for f in refused.json()["findings"]:
        excerpt = "Alice Tanaka said so."[f["start"] : f["end"]]
        call(
            client,
            "post",
            base + "/dismissals",
            world.carol,
            {"category": f["category"], "excerpt": excerpt},
        )
    assert (
        call(client, "post", base + "/publish", world.carol, {"visibility": "meeting"}).status_code
        == 403
    )
    published = call(client, "post", base + "/publish", world.convenor, {"visibility": "meeting"})
    assert published.status_code == 201 and published.json()["number"] == 1


def test_proceedings_for_convenors_only(client, world, report):
    path = f"/api/series/{world.series.id}/proceedings"
    assert call(client, "post", path, world.alice).status_code == 403
    assert call(client, "post", path, world.outsider).status_code == 404
    assert call(client, "post", path, world.convenor).status_code == 422  # nothing published yet
    other = Series.objects.create(title="Other")
    assert (
        call(client, "post", f"/api/series/{other.id}/proceedings", world.convenor).status_code
        == 404
    )


def test_it_rejects_bad_report_ids_and_methods(client, world, report):
    assert call(client, "get", "/api/reports/not-a-uuid", world.carol).status_code == 404
    assert (
        call(
            client, "get", "/api/reports/2b7e1516-28ae-4d2a-a6d2-15882f0a0a0a", world.carol
        ).status_code
        == 404
    )
    assert call(client, "delete", f"/api/reports/{report.id}", world.carol).status_code == 405


def test_a_report_is_created_in_a_language_and_says_which(client, world):
    path = f"/api/meetings/{world.alpha.id}/reports"
    body = {"kind": "chairs_summary", "title": "摘要", "language": "zh-Hans"}
    created = call(client, "post", path, world.convenor, body)
    assert created.status_code == 201
    report_id = created.json()["id"]
    detail = call(client, "get", f"/api/reports/{report_id}", world.convenor).json()
    assert detail["language"] == "zh-hans"
    listed = call(client, "get", path, world.convenor).json()
    assert [r["language"] for r in listed] == ["zh-hans"]
    # the draft's findings follow it: a name standing alone gets a Chinese replacement
    saved = call(
        client,
        "put",
        f"/api/reports/{report_id}",
        world.convenor,
        {"title": "摘要", "body": "- Alice Tanaka\n"},
    )
    assert [f["replacement"] for f in saved.json()["findings"]] == ["一位与会者"]
    changed = call(
        client,
        "put",
        f"/api/reports/{report_id}",
        world.convenor,
        {"title": "摘要", "body": "- Alice Tanaka\n", "language": "ja"},
    )
    assert [f["replacement"] for f in changed.json()["findings"]] == ["ある参加者"]
    assert Report.objects.get(id=report_id).language == "ja"


def test_without_a_language_a_report_takes_the_series(client, world, report):
    report.language = "ja"
    report.save()
    path = f"/api/meetings/{world.alpha.id}/reports"
    created = call(client, "post", path, world.convenor, {"kind": "chairs_summary", "title": "x"})
    assert Report.objects.get(id=created.json()["id"]).language == "ja"


@pytest.mark.parametrize("language", ["fr", "klingon", "", 7])
def test_it_rejects_an_unknown_language_saying_which_it_takes(client, world, report, language):
    path = f"/api/meetings/{world.alpha.id}/reports"
    body = {"kind": "chairs_summary", "title": "x", "language": language}
    refused = call(client, "post", path, world.convenor, body)
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert "'language'" in detail and "'en-gb', 'zh-hans' or 'ja'" in detail, detail
    saved = call(
        client,
        "put",
        f"/api/reports/{report.id}",
        world.carol,
        {"title": "x", "body": "y", "language": language},
    )
    assert saved.status_code == 422
    report.refresh_from_db()
    assert Report.objects.count() == 1 and report.language == "en-gb" and report.title != "x"


def test_a_published_version_says_its_language(client, world, report):
    report.language = "zh-hans"
    report.save()
    base = f"/api/reports/{report.id}"
    published = call(client, "post", base + "/publish", world.convenor, {"visibility": "meeting"})
    assert published.status_code == 201 and published.json()["language"] == "zh-hans"
    detail = call(client, "get", base, world.alice).json()
    assert detail["versions"][0]["language"] == "zh-hans"
    export = call(client, "get", base + "/export?format=md", world.alice).content.decode()
    assert "本报告不具名" in export


def test_the_schema_lists_the_languages_a_report_takes(client):
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["ReportLanguage"]["enum"] == ["en-gb", "zh-hans", "ja"]
    assert "language" in schema["ReportIn"]["properties"]
    assert "language" not in schema["ReportIn"].get("required", [])
