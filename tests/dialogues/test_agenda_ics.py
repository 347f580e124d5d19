"""The agenda as iCalendar, parsed back with `icalendar`, in two time zones and across a
change of daylight saving time; and the per-person subscribe link."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from secondtrack.accounts import calendar as links
from secondtrack.dialogues import services
from tests.api.helpers import call
from tests.factories import PASSWORD

SEOUL, LONDON = ZoneInfo("Asia/Seoul"), ZoneInfo("Europe/London")


@pytest.fixture
def timetable(world):
    """Alpha in Seoul (no DST); beta in London across the end of BST (26 October 2031)."""
    world.alpha.time_zone, world.alpha.place = "Asia/Seoul", "Seoul"
    world.alpha.save()
    world.beta.time_zone, world.beta.place = "Europe/London", "London"
    world.beta.save()
    return [
        services.add_session(
            world.alpha,
            "Hotlines",
            "chatham_house",
            room="Jade",
            starts=datetime(2031, 10, 25, 9, 0, tzinfo=SEOUL),
            duration_minutes=90,
        ),
        services.add_session(
            world.beta,
            "Before the change",
            "on_the_record",
            room="Hall 1",
            starts=datetime(2031, 10, 25, 10, 0, tzinfo=LONDON),
            duration_minutes=60,
        ),
        services.add_session(
            world.beta,
            "After the change",
            "off_the_record",
            starts=datetime(2031, 10, 27, 10, 0, tzinfo=LONDON),
            duration_minutes=45,
        ),
    ]


def events(body: bytes) -> dict:
    cal = Calendar.from_ical(body)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_members_get_their_meetings_agenda_in_its_zone(client, world, timetable):
    response = call(client, "get", f"/api/meetings/{world.alpha.id}/agenda.ics", world.alice)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response.content)
    assert list(found) == ["Hotlines (Chatham House Rule)"]
    event = found["Hotlines (Chatham House Rule)"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == timetable[0].starts and end - start == timedelta(minutes=90)
    assert str(start.tzinfo) == "Asia/Seoul" and start.hour == 9
    assert str(event["location"]) == "Seoul, Jade"
    tzids = {str(tz["tzid"]) for tz in Calendar.from_ical(response.content).walk("VTIMEZONE")}
    assert tzids == {"Asia/Seoul"}


def test_the_london_agenda_crosses_the_end_of_summer_time(client, world, timetable):
    response = call(client, "get", f"/api/meetings/{world.beta.id}/agenda.ics", world.bob)
    found = events(response.content)
    before = found["Before the change (on the record)"].decoded("dtstart")
    after = found["After the change (off the record)"].decoded("dtstart")
    assert (before.hour, after.hour) == (10, 10)  # the venue's wall clock
    assert before.utcoffset() == timedelta(hours=1) and after.utcoffset() == timedelta(0)
    assert before == timetable[1].starts and after == timetable[2].starts
    assert str(found["After the change (off the record)"]["location"]) == "London"


def test_it_carries_no_content_and_no_names(client, world, timetable):
    services.add_session(world.alpha, "Untimed", "on_the_record")
    from secondtrack.dialogues import timetable as tt

    tt.edit_session(timetable[0], facilitator=world.alice.person_id)
    body = call(client, "get", f"/api/meetings/{world.alpha.id}/agenda.ics", world.alice).content
    text = body.decode()
    assert "Alice" not in text and "Carol" not in text and "Untimed" not in text


def test_it_refuses_those_who_may_not_know_the_meeting(client, world, timetable):
    response = call(client, "get", f"/api/meetings/{world.beta.id}/agenda.ics", world.alice)
    assert response.status_code == 404


def test_the_page_download_works_with_the_session_cookie(client, world, timetable):
    assert client.login(username=world.alice.email, password=PASSWORD)
    response = client.get(reverse("meeting_agenda", args=[world.alpha.id]))
    assert response.status_code == 200 and "Hotlines" in events(response.content).popitem()[0]


def test_the_subscribe_link_answers_only_meetings_its_owner_may_know(client, world, timetable):
    raw = links.reset_link(world.convenor)
    found = events(client.get(reverse("calendar_feed", args=[raw])).content)
    assert len(found) == 3  # the convenor knows both meetings
    raw = links.reset_link(world.alice)
    found = events(client.get(reverse("calendar_feed", args=[raw])).content)
    assert list(found) == ["Hotlines (Chatham House Rule)"]
    world.alice.person.participations.update(status="revoked")  # asked every time
    assert events(client.get(reverse("calendar_feed", args=[raw])).content) == {}


def test_resetting_the_link_stops_the_old_one(client, world, timetable):
    old = links.reset_link(world.alice)
    new = links.reset_link(world.alice)
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_only_the_hash_of_the_link_is_stored(world):
    raw = links.reset_link(world.alice)
    stored = links.CalendarLink.objects.get(user=world.alice)
    assert raw not in stored.token_hash and len(stored.token_hash) == 64


def test_the_reset_page_shows_the_new_link_once(client, world):
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.post(reverse("calendar_reset")).content.decode()
    assert "/calendar/" in page and "Copy link" in page
    assert client.get(reverse("calendar_reset")).status_code == 405
