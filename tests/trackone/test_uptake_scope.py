"""Uptake shows each caller the proposals of the meetings whose content they read, and
counts no more than the meetings whose uptake they read; series-wide balloons count too."""

import pytest
from django.urls import reverse

from secondtrack.balloons import selectors as balloon_selectors
from secondtrack.balloons import services as balloon_services
from secondtrack.dialogues.models import SeriesRole
from tests.factories import PASSWORD, attend, meeting, person, user_for


def float_in(user, text, meeting_id=None, series_id=None):
    standing = (
        balloon_selectors.member_access(user, meeting_id)
        if meeting_id
        else balloon_selectors.series_access(user, series_id)
    )
    return balloon_services.float_balloon(standing, text).balloon


@pytest.fixture
def floated(world):
    """A balloon in alpha, one in beta, one in a side meeting of alpha, one series-wide."""
    side = meeting(world.series, "Officials on the margins", parent=world.alpha)
    dora = user_for(person("Dora Official"), "dora@example.org")
    attend(side, dora.person)
    return {
        "alpha": float_in(world.alice, "Alpha proposal on hotlines", world.alpha.id),
        "beta": float_in(world.bob, "Beta proposal on fisheries", world.beta.id),
        "side": float_in(dora, "Side proposal only officials know", side.id),
        "series": float_in(
            world.alice, "Series-wide proposal on cables", series_id=world.series.id
        ),
    }


def page(client, user, name, *args):
    assert client.login(username=user.email, password=PASSWORD)
    return client.get(reverse(name, args=args))


@pytest.mark.parametrize("name", ["trackone_dashboard", "trackone_funnel_csv"])
def test_a_member_sees_no_title_from_meetings_they_do_not_belong_to(client, world, floated, name):
    body = page(client, world.alice, name, world.series.id).content.decode()
    assert "Alpha proposal" in body
    assert "Series-wide proposal" in body
    assert "Beta proposal" not in body
    assert "Side proposal" not in body


def test_a_members_funnel_counts_only_their_meetings_and_the_series(client, world, floated):
    token = _token(client, world.alice)
    funnel = client.get(f"/api/series/{world.series.id}/funnel", **token).json()
    assert funnel["floated"] == 2  # alpha and the series-wide one


def test_the_convenor_sees_and_counts_every_proposal(client, world, floated):
    body = page(client, world.convenor, "trackone_dashboard", world.series.id).content.decode()
    for text in ("Alpha proposal", "Beta proposal", "Side proposal", "Series-wide proposal"):
        assert text in body
    funnel = client.get(f"/api/series/{world.series.id}/funnel", **_token(client, world.convenor))
    assert funnel.json()["floated"] == 4


def test_an_analyst_gets_counts_coarsened_and_no_title(client, world, floated):
    analyst = user_for(None, "analyst@example.org")
    SeriesRole.objects.create(series=world.series, user=analyst, role="analyst")
    body = page(client, analyst, "trackone_dashboard", world.series.id).content.decode()
    assert "proposal" in body.lower()
    for text in ("Alpha proposal", "Beta proposal", "Side proposal", "Series-wide proposal"):
        assert text not in body
    token = _token(client, analyst)
    funnel = client.get(f"/api/series/{world.series.id}/funnel", **token).json()
    assert (funnel["floated"], funnel["consensus"]) == (4, 0)
    floated["beta"].delete()
    floated["side"].delete()
    funnel = client.get(f"/api/series/{world.series.id}/funnel", **token).json()
    assert funnel["floated"] is None  # 0 < n < 3 is coarsened for aggregates-only roles
    assert funnel["labels"]["floated"] == "fewer than 3"


def test_a_series_wide_balloon_has_a_lineage(client, world, floated):
    response = page(client, world.alice, "trackone_lineage", floated["series"].id)
    assert response.status_code == 200
    assert "Series-wide proposal" in response.content.decode()


def test_a_side_meetings_lineage_is_404_for_members_of_the_parent(client, world, floated):
    assert page(client, world.alice, "trackone_lineage", floated["side"].id).status_code == 404


def _token(client, user):
    response = client.post(
        "/api/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    return {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}
