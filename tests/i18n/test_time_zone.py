"""Times in the person's own zone, named; the meeting's zone stays on its agenda; dates in
the reader's language."""

from django.test import Client

from tests.factories import PASSWORD


def meeting_page(cjk, **headers):
    client = Client(**headers)
    assert client.login(username=cjk.member.email, password=PASSWORD)
    return client.get(f"/meetings/{cjk.meeting.id}/").content.decode()


def test_a_session_time_renders_in_the_persons_zone_next_to_the_meetings(cjk):
    cjk.meeting.time_zone = "Asia/Singapore"
    cjk.meeting.save()
    cjk.member.time_zone = "Asia/Tokyo"
    cjk.member.save()
    page = meeting_page(cjk)
    # 01:30 UTC is 09:30 in Singapore (the meeting's zone) and 10:30 in Tokyo (the person's)
    assert "Wed 10 Mar, 09:30–11:00" in page
    assert "your time Wed 10 Mar, 10:30–12:00 (Asia/Tokyo)" in page
    assert "times in Asia/Singapore, the meeting's time zone" in page


def test_in_japanese_the_same_times_read_as_japanese_dates(cjk):
    cjk.meeting.time_zone = "Asia/Singapore"
    cjk.meeting.save()
    cjk.member.time_zone = "Asia/Tokyo"
    cjk.member.language = "ja"
    cjk.member.save()
    page = meeting_page(cjk)
    assert "3月10日（水） 09:30–11:00" in page
    assert "あなたの時刻 3月10日（水） 10:30–12:00（Asia/Tokyo）" in page
    assert "2027年3月10日" in page  # the meeting's dates


def test_without_a_zone_of_their_own_the_page_leaves_the_readers_time_to_the_browser(cjk):
    cjk.meeting.time_zone = "Asia/Singapore"
    cjk.meeting.save()
    page = meeting_page(cjk, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "your time" not in page and "您的时间 3月" not in page
    assert 'data-your-time="您的时间"' in page  # the words the script uses, translated


def test_the_settings_page_says_the_time_now_in_the_chosen_zone(cjk):
    cjk.member.time_zone = "Asia/Seoul"
    cjk.member.save()
    client = Client()
    assert client.login(username=cjk.member.email, password=PASSWORD)
    assert "in Asia/Seoul." in client.get("/me/settings/").content.decode()
