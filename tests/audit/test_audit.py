"""The audit log: convenors' and admins' acts are recorded after commit, with their actor,
series and target, for the series' convenors only; never a contribution or a vote."""

import pytest
from django.db import transaction

from secondtrack.audit.models import AuditEntry
from secondtrack.audit.services import record
from secondtrack.dialogues.models import Session
from tests.record.helpers import bearer, close, post


def api(client, method, path, auth, body=None):
    return getattr(client, method)(path, body or {}, content_type="application/json", **auth)


@pytest.fixture
def convenor_acts(client, world, django_capture_on_commit_callbacks):
    """A convenor starts a meeting's session, changes its rule, invites, closes; a participant
    speaks in between."""
    boss = bearer(client, world.convenor)
    alice = bearer(client, world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        made = api(
            client,
            "post",
            f"/api/meetings/{world.alpha.id}/sessions",
            boss,
            {"title": "Working group", "rule": "chatham_house"},
        )
        assert made.status_code == 201, made.content
        session_id = made.json()["id"]
        Session.objects.filter(id=session_id).update(status="scheduled")
        api(client, "patch", f"/api/sessions/{session_id}", boss, {"rule": "off_the_record"})
        Session.objects.filter(id=session_id).update(status="open")
        invited = api(
            client,
            "post",
            f"/api/meetings/{world.alpha.id}/invitations",
            boss,
            {"name": "Dana Lee", "email": "dana@example.org"},
        )
        assert invited.status_code == 201, invited.content
        assert (
            post(client, alice, session_id, "A secret observation on hotlines.").status_code == 201
        )
        assert close(client, boss, session_id).status_code == 200
    return session_id


def test_each_act_is_recorded_with_its_actor_series_and_target(world, convenor_acts):
    entries = list(AuditEntry.objects.order_by("at", "id"))
    assert [e.action for e in entries] == [
        "session_created",
        "rule_changed",
        "invited",
        "session_closed",
    ]
    assert {e.actor_id for e in entries} == {world.convenor.id}
    assert {e.series_id for e in entries} == {world.series.id}
    assert entries[0].target_type == "dialogues.session"
    assert entries[0].target_id == str(convenor_acts)
    assert entries[1].detail == f"session {convenor_acts}: chatham_house to off_the_record"


def test_nothing_said_or_voted_and_nobody_invited_is_in_the_log(world, convenor_acts):
    text = " ".join(
        f"{e.action} {e.target_type} {e.target_id} {e.detail}" for e in AuditEntry.objects.all()
    )
    assert "hotlines" not in text and "secret" not in text
    assert "Dana" not in text and "dana@example.org" not in text
    assert world.alice.email not in text
    assert not AuditEntry.objects.filter(actor=world.alice).exists(), "speaking is not audited"


def test_the_series_convenors_see_the_log_and_nobody_else(client, world, convenor_acts):
    client.force_login(world.convenor)
    page = client.get(f"/series/{world.series.id}/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "closed a session" in html and "changed a session&#x27;s rule" in html
    listed = client.get(f"/api/series/{world.series.id}/audit", **bearer(client, world.convenor))
    assert [e["action"] for e in listed.json()][:1] == ["session_closed"]
    assert listed.json()[0]["actor"] == world.convenor.email
    client.force_login(world.alice)  # a member: knows the series, may not read its log
    assert client.get(f"/series/{world.series.id}/audit/").status_code == 403
    client.force_login(world.outsider)
    assert client.get(f"/series/{world.series.id}/audit/").status_code == 404
    outsider = bearer(client, world.outsider)
    assert client.get(f"/api/series/{world.series.id}/audit", **outsider).status_code == 404


def test_a_convenor_reads_the_log_in_their_own_language(client, world, convenor_acts):
    world.convenor.language = "zh-hans"
    world.convenor.save(update_fields=["language"])
    client.force_login(world.convenor)
    html = client.get(f"/series/{world.series.id}/audit/").content.decode()
    assert "结束了会议场次" in html and "closed a session" not in html


def test_work_that_rolls_back_leaves_no_entry(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                record(world.convenor, "published", series=world.series, detail="x")
                raise RuntimeError("later failure")
        except RuntimeError:
            pass
    assert not AuditEntry.objects.exists()


def test_an_unknown_action_is_refused(world):
    with pytest.raises(ValueError):
        record(world.convenor, "posted_a_contribution", series=world.series)


def test_publishing_transmitting_and_revoking_are_recorded(
    client, demo, django_capture_on_commit_callbacks
):
    from secondtrack.accounts.models import User
    from secondtrack.reports.models import Report
    from secondtrack.trackone import services

    memo = Report.objects.get(kind="memorandum")
    convenor = User.objects.get(email="weiling.lim@example.org")
    AuditEntry.objects.all().delete()
    client.force_login(convenor)
    body = services.add_body(memo.series, "Forum", "intergovernmental_forum")
    services.add_contact(body, "Desk", "desk@forum.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/reports/{memo.id}/publish/", {"visibility": "series"})
        assert published.status_code == 302
        sent = client.post(
            f"/series/{memo.series_id}/trackone/memoranda/{memo.id}/transmit/", {"body": body.id}
        )
        assert sent.status_code == 302
        transmission = memo.versions.order_by("-number").first().transmissions.get(body=body)
        client.post(f"/series/{memo.series_id}/trackone/transmissions/{transmission.id}/revoke/")
    entries = list(AuditEntry.objects.order_by("at", "id"))
    assert [e.action for e in entries] == ["published", "transmitted", "revoked"]
    assert {e.actor_id for e in entries} == {convenor.id}
    assert entries[0].detail.startswith("memorandum version ")
    assert entries[1].detail.endswith(f"to body {body.id} (1 contacts)")
    assert memo.body.strip()[:40] not in " ".join(e.detail for e in entries)
