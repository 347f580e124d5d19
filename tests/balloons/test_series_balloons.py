"""Balloons floated across a series: open to the members of every meeting of it."""

from django.urls import reverse

from secondtrack.balloons.models import Balloon
from tests.balloons.test_balloons import statements, vote
from tests.factories import PASSWORD
from tests.record.helpers import bearer


def float_across(client, auth, series_id, text="A standing hotline between meetings"):
    return client.post(
        f"/api/series/{series_id}/balloons",
        {"text": text},
        content_type="application/json",
        **auth,
    )


def test_members_of_different_meetings_share_a_series_balloon(client, world):
    floated = float_across(client, bearer(client, world.bob), world.series.id)
    assert floated.status_code == 201
    balloon = Balloon.objects.get()
    assert balloon.meeting is None and balloon.series == world.series
    alice = bearer(client, world.alice)  # a member of another meeting of the series
    (proposal,) = statements(client, alice, balloon.id)
    assert vote(client, alice, balloon.id, proposal["id"], 1).status_code == 200
    listed = client.get(f"/api/series/{world.series.id}/balloons", **alice).json()
    assert [b["id"] for b in listed] == [str(balloon.id)]
    assert client.get(f"/api/meetings/{world.alpha.id}/balloons", **alice).json() == []


def test_outsiders_cannot_see_or_float_series_balloons(client, world):
    float_across(client, bearer(client, world.bob), world.series.id)
    outsider = bearer(client, world.outsider)
    assert float_across(client, outsider, world.series.id).status_code == 404
    balloon = Balloon.objects.get()
    assert client.get(f"/api/balloons/{balloon.id}", **outsider).status_code == 404
    assert client.login(username=world.outsider.email, password=PASSWORD)
    assert client.get(reverse("series_balloons", args=[world.series.id])).status_code == 404


def test_the_series_page_floats_across_the_series(client, world):
    assert client.login(username=world.carol.email, password=PASSWORD)
    page = client.get(reverse("series_balloons", args=[world.series.id])).content.decode()
    assert "open to the members of every meeting of the series" in page
    response = client.post(
        reverse("series_balloons", args=[world.series.id]), {"text": "Across the series\r\nWhy."}
    )
    assert "receipt-code" in response.content.decode()
    assert Balloon.objects.get().title == "Across the series"


def test_an_amendment_stays_where_the_original_was_floated(client, world):
    bob = bearer(client, world.bob)
    first = float_across(client, bob, world.series.id).json()["id"]
    wrong = client.post(
        f"/api/meetings/{world.beta.id}/balloons",
        {"text": "v2", "previous": first},
        content_type="application/json",
        **bob,
    )
    assert wrong.status_code == 422
    right = client.post(
        f"/api/series/{world.series.id}/balloons",
        {"text": "v2", "previous": first},
        content_type="application/json",
        **bob,
    )
    assert right.status_code == 201


def test_a_series_wide_balloon_becomes_a_proposal_with_its_named_endorsers(demo):
    from secondtrack.balloons import services
    from secondtrack.balloons.selectors import BalloonAccess, Standing
    from secondtrack.core.policy import grants
    from secondtrack.dialogues.models import Participation
    from secondtrack.reports.models import Report
    from secondtrack.trackone import services as trackone
    from secondtrack.trackone.memorandum import memorandum_proposals

    memorandum = Report.objects.get(kind="memorandum")
    series = memorandum.series
    members = list(
        Participation.objects.filter(meeting__series=series, role="participant", status="accepted")
        .select_related("person")
        .order_by("id")[:6]
    )

    def access(balloon, p=None, convenor=False):
        roles = ([p.role] if p else []) + (["convenor"] if convenor else [])
        return BalloonAccess(balloon, Standing(series, None, p, grants(roles)))

    floated = services.float_balloon(access(None, members[0]).standing, "A series-wide registry")
    balloon = floated.balloon
    assert balloon.meeting is None
    proposal = balloon.statements.get()
    for p in members:
        services.react(access(balloon, p), proposal.id, 1)
    services.close_balloon(access(balloon, convenor=True), "consensus")
    balloon.refresh_from_db()
    services.endorse(access(balloon, members[1]), proposal.id)
    trackone.add_proposal(memorandum, balloon)
    entry = [e for e in memorandum_proposals(memorandum) if e.text == "A series-wide registry"]
    assert entry and entry[0].endorsers == [members[1].person.name]
