"""Side meetings: a linked meeting with its own membership, listed only to those who know it."""

from django.urls import reverse

from secondtrack.dialogues.models import Meeting
from tests import factories
from tests.factories import PASSWORD

FORM = {
    "title": "Officials on the margins",
    "starts": "2025-03-01",
    "ends": "2025-03-01",
    "time_zone": "UTC",
    "agenda_set_by": "government",
    "invitations_routed": "governments",
    "claimed_track": "1.5",
    "listing_policy": "unlisted",
}


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def add_side(client, world, **change):
    login(client, world.convenor)
    return client.post(reverse("desk_side_meeting", args=[world.alpha.id]), FORM | change)


def test_a_convenor_adds_a_side_meeting_with_its_own_track(client, world):
    response = add_side(client, world)
    side = Meeting.objects.get(title="Officials on the margins")
    assert response.url == reverse("meeting", args=[side.id])
    assert side.parent == world.alpha and side.series == world.series
    assert side.participations.count() == 0
    page = client.get(response.url).content.decode()
    assert "A side meeting of" in page and "Track 1.5" in page


def test_the_side_meeting_hangs_on_the_page_meeting_whatever_the_input(client, world):
    add_side(client, world, parent=str(world.beta.id))
    assert Meeting.objects.get(title="Officials on the margins").parent == world.alpha


def test_the_main_page_lists_side_meetings_only_to_those_who_know_them(client, world):
    add_side(client, world)
    side = Meeting.objects.get(title="Officials on the margins")
    main = reverse("meeting", args=[world.alpha.id])
    assert "Officials on the margins" in client.get(main).content.decode()
    login(client, world.alice)  # a member of the main meeting, not of the side meeting
    page = client.get(main).content.decode()
    assert "Officials on the margins" not in page and "side-meetings" not in page
    assert client.get(reverse("meeting", args=[side.id])).status_code == 404
    factories.attend(side, world.alice.person)
    assert "Officials on the margins" in client.get(main).content.decode()


def test_a_side_meeting_is_refused_to_members(client, world):
    login(client, world.alice)
    url = reverse("desk_side_meeting", args=[world.alpha.id])
    assert client.get(url).status_code == 403
    assert client.post(url, FORM).status_code == 403
    assert Meeting.objects.count() == 2


def test_a_side_meeting_cannot_have_side_meetings_of_its_own(client, world):
    add_side(client, world)
    side = Meeting.objects.get(title="Officials on the margins")
    page = client.get(reverse("meeting", args=[side.id])).content.decode()
    assert reverse("desk_side_meeting", args=[side.id]) not in page
    response = client.post(
        reverse("desk_new_meeting", args=[world.series.id]), FORM | {"parent": str(side.id)}
    )
    assert "same series" in response.content.decode()
    assert Meeting.objects.count() == 3
