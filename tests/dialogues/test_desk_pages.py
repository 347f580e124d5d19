"""The convenor's desk in the browser's terms: series and meeting forms and the track preview."""

import pytest
from django.urls import reverse

from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole
from tests import factories
from tests.factories import PASSWORD

FORM = {
    "title": "Seoul Round",
    "place": "Seoul",
    "starts": "2026-05-04",
    "ends": "2026-05-06",
    "time_zone": "Asia/Seoul",
    "agenda_set_by": "independent",
    "invitations_routed": "convenor",
    "claimed_track": "2",
    "listing_policy": "unlisted",
}


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def counts():
    return Series.objects.count(), Meeting.objects.count(), SeriesRole.objects.count()


def test_the_home_page_offers_a_new_series_only_to_those_allowed(client, world):
    login(client, world.convenor)
    assert reverse("desk_new_series") in client.get(reverse("home")).content.decode()
    login(client, world.alice)
    assert reverse("desk_new_series") not in client.get(reverse("home")).content.decode()


def test_a_convenor_creates_a_series_from_the_page(client, world):
    login(client, world.convenor)
    response = client.post(reverse("desk_new_series"), {"title": "Arctic", "description": "Ice"})
    series = Series.objects.get(title="Arctic")
    assert response.status_code == 302 and response.url == reverse("series", args=[series.id])
    assert SeriesRole.objects.filter(series=series, user=world.convenor).exists()


def test_it_rejects_a_new_series_from_a_participant_with_403(client, world):
    login(client, world.alice)
    before = counts()
    assert client.get(reverse("desk_new_series")).status_code == 403
    assert client.post(reverse("desk_new_series"), {"title": "Mine"}).status_code == 403
    assert counts() == before


def test_a_convenor_creates_a_meeting_from_the_series_page(client, world):
    login(client, world.convenor)
    page = client.get(reverse("series", args=[world.series.id])).content.decode()
    assert reverse("desk_new_meeting", args=[world.series.id]) in page
    response = client.post(reverse("desk_new_meeting", args=[world.series.id]), FORM)
    meeting = Meeting.objects.get(title="Seoul Round")
    assert response.url == reverse("meeting", args=[meeting.id])
    assert meeting.series == world.series and meeting.time_zone == "Asia/Seoul"


@pytest.mark.parametrize(
    "change, words",
    [
        ({"time_zone": "Seoul"}, "not a time zone we know"),
        ({"ends": "2026-05-01"}, "before it starts"),
        ({"host_organisation": "999999"}, "no organisation with that id"),
        ({"co_hosts": ["999999"]}, "no organisation with id 999999"),
        ({"title": ""}, "needs a title"),
    ],
)
def test_it_rejects_bad_input_on_the_page_and_writes_nothing(client, world, change, words):
    login(client, world.convenor)
    before = counts()
    response = client.post(reverse("desk_new_meeting", args=[world.series.id]), FORM | change)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert counts() == before


def test_it_rejects_a_parent_from_another_series_on_the_page(client, world):
    other = factories.meeting(Series.objects.create(title="Other"), "Elsewhere")
    login(client, world.convenor)
    before = counts()
    form = FORM | {"parent": str(other.id)}
    response = client.post(reverse("desk_new_meeting", args=[world.series.id]), form)
    assert "same series" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("who, status", [("alice", 403), ("outsider", 404), ("other", 404)])
def test_it_refuses_meeting_forms_to_non_convenors(client, world, who, status):
    if who == "other":
        user = factories.user_for(None, "other@example.org")
        SeriesRole.objects.create(
            series=Series.objects.create(title="T"), user=user, role="convenor"
        )
    else:
        user = getattr(world, who)
    login(client, user)
    before = counts()
    new = reverse("desk_new_meeting", args=[world.series.id])
    edit = reverse("desk_edit_meeting", args=[world.alpha.id])
    assert client.get(new).status_code == status
    assert client.post(new, FORM).status_code == status
    assert client.post(edit, FORM).status_code == status
    assert (
        client.post(reverse("desk_edit_series", args=[world.series.id]), {"title": "X"}).status_code
        == status
    )
    assert counts() == before
    world.alpha.refresh_from_db()
    assert world.alpha.title == "Alpha Meeting"


def test_a_convenor_edits_a_meeting_from_its_page(client, world):
    login(client, world.convenor)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert reverse("desk_edit_meeting", args=[world.alpha.id]) in page
    form = FORM | {"title": "Alpha, renamed", "starts": "2025-03-01", "ends": "2025-03-02"}
    response = client.post(reverse("desk_edit_meeting", args=[world.alpha.id]), form)
    assert response.status_code == 302
    world.alpha.refresh_from_db()
    assert world.alpha.title == "Alpha, renamed" and world.alpha.place == "Seoul"


def test_members_see_no_desk_buttons(client, world):
    login(client, world.alice)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert reverse("desk_edit_meeting", args=[world.alpha.id]) not in page
    assert reverse("desk_clone_meeting", args=[world.alpha.id]) not in page


def test_the_preview_shows_the_track_a_ministry_agenda_gives(client, world):
    login(client, world.convenor)
    url = reverse("desk_new_meeting_track", args=[world.series.id])
    independent = client.post(url, FORM).content.decode()
    assert "Track 2" in independent and "track-preview-warning" not in independent
    ministry = client.post(url, FORM | {"agenda_set_by": "government"}).content.decode()
    assert "Track 1.5" in ministry and "officials set the agenda" in ministry
    assert "You claim Track 2" in ministry
    assert Meeting.objects.count() == 2  # a preview writes nothing


def test_the_edit_preview_weighs_the_meetings_own_table(client, world):
    login(client, world.convenor)
    url = reverse("desk_meeting_track", args=[world.alpha.id])
    body = client.post(url, FORM | {"invitations_routed": "governments"}).content.decode()
    assert "Track 1.5" in body
    assert "invitations were routed through governments" in body
    world.alpha.refresh_from_db()
    assert world.alpha.invitations_routed == "convenor"


def test_the_preview_is_refused_to_members(client, world):
    login(client, world.alice)
    assert (
        client.post(reverse("desk_meeting_track", args=[world.alpha.id]), FORM).status_code == 403
    )
    assert Participation.objects.count() == 3
