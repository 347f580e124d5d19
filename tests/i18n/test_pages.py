"""The main pages in Simplified Chinese and Japanese, chosen by the browser or by the person:
the interface says everything in that language (no English word left but names and codes),
and <html lang> says which."""

import re

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tests.i18n.leftovers import english_words

# What each language calls a word of the header and of the error page.
SAYS = {
    "zh-hans": {"Meetings": "会议", "Nothing here": "此处没有内容", "Log in": "登录"},
    "ja": {"Meetings": "会議", "Nothing here": "ここには何もありません", "Log in": "ログイン"},
}
FRAGMENTS = {"balloon map"}  # swapped into a page by htmx: no <html> of their own
PUBLICATION = re.compile(r'<article class="publication"[^>]*>.*?</article>', re.S)


def pages(w) -> dict[str, str]:
    return {
        "home": "/",
        "series": f"/series/{w.series.id}/",
        "meeting": f"/meetings/{w.meeting.id}/",
        "session": f"/sessions/{w.session.id}/",
        "balloons": f"/meetings/{w.meeting.id}/balloons/",
        "balloon": f"/balloons/{w.balloon.id}/",
        "balloon map": f"/balloons/{w.balloon.id}/map/",
        "reports": f"/meetings/{w.meeting.id}/reports/",
        "report": f"/reports/{w.report.id}/",
        "uptake": f"/series/{w.series.id}/uptake/",
        "language and time zone": "/me/settings/",
        "notifications": "/me/notifications/",
        "missing page": "/meetings/999999/",
    }


CONVENOR_PAGES = {
    "desk: edit the meeting": lambda w: f"/meetings/{w.meeting.id}/edit/",
    "desk: new meeting": lambda w: f"/series/{w.series.id}/meetings/new/",
    "desk: invite": lambda w: f"/meetings/{w.meeting.id}/invite/",
    "Track One desk": lambda w: f"/series/{w.series.id}/trackone/",
    "registry person": lambda w: f"/people/{w.member_person.id}/",
}


def data_of(w) -> set[str]:
    """The world's own words (titles, names, places, e-mails): not the interface's."""
    return {
        w.series.title,
        w.meeting.title,
        w.meeting.place,
        w.session.title,
        w.balloon.title,
        w.report.title,
        w.member_person.name,
        w.member.email,
        w.convenor.email,
        "JP",  # a country code stays a code
        "Employment",  # the role on the fixture's affiliation (data)
        "English",  # the switcher names each language in its own language
    }


def leftover(page, w) -> list[str]:
    html = PUBLICATION.sub("", page.content.decode())  # the report's own text, see docs
    return english_words(html, data_of(w))


@pytest.mark.parametrize("lang", ["zh-hans", "ja"])
@pytest.mark.parametrize("who", ["member", "convenor"])
def test_main_pages_in_the_browsers_language_leave_no_english(cjk, lang, who):
    client = Client(HTTP_ACCEPT_LANGUAGE=f"{lang},en;q=0.5")
    assert client.login(username=getattr(cjk, who).email, password=PASSWORD)
    paths = dict(pages(cjk))
    if who == "convenor":
        paths.update({name: path(cjk) for name, path in CONVENOR_PAGES.items()})
    left = {}
    for name, path in paths.items():
        page = client.get(path)
        assert page.status_code == (404 if name == "missing page" else 200), name
        body = page.content.decode()
        if name not in FRAGMENTS:
            assert f'<html lang="{lang}">' in body, name
            assert SAYS[lang]["Meetings"] in body, name
        words = leftover(page, cjk)
        if words:
            left[name] = sorted(set(words))
    assert left == {}


@pytest.mark.parametrize("lang", ["zh-hans", "ja"])
def test_the_profile_setting_wins_over_the_browser(cjk, lang):
    cjk.member.language = lang
    cjk.member.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert client.login(username=cjk.member.email, password=PASSWORD)
    for name, path in pages(cjk).items():
        page = client.get(path)
        body = page.content.decode()
        if name not in FRAGMENTS:
            assert f'<html lang="{lang}">' in body, name
            assert SAYS[lang]["Meetings"] in body, name
        assert leftover(page, cjk) == [], name


@pytest.mark.parametrize("lang", ["zh-hans", "ja"])
def test_the_sign_in_and_error_pages_for_a_visitor(db, lang):
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    login = client.get("/login/")
    assert login.status_code == 200
    assert f'<html lang="{lang}">' in login.content.decode()
    assert SAYS[lang]["Log in"] in login.content.decode()
    assert english_words(login.content.decode(), {"English"}) == []
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert SAYS[lang]["Nothing here"] in missing.content.decode()
    assert english_words(missing.content.decode(), {"English"}) == []


def test_english_is_the_default_and_the_source(cjk):
    client = Client()
    assert client.login(username=cjk.member.email, password=PASSWORD)
    page = client.get("/").content.decode()
    assert '<html lang="en-gb">' in page
    assert ">Meetings<" in page


def test_a_refusal_is_said_in_the_readers_language(cjk):
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    assert client.login(username=cjk.member.email, password=PASSWORD)
    page = client.get(f"/meetings/{cjk.meeting.id}/invite/")
    assert page.status_code == 403
    assert "この操作ができるのはシリーズの招集者だけです。" in page.content.decode()


def test_the_switcher_keeps_a_visitors_choice_in_a_cookie(db):
    client = Client()
    answer = client.post("/me/language/", {"language": "ja", "next": "/login/"})
    assert answer.status_code == 302 and answer["Location"] == "/login/"
    assert 'lang="ja"' in client.get("/login/").content.decode()
    # an outside address is not followed
    away = client.post("/me/language/", {"language": "ja", "next": "https://evil.example/"})
    assert away["Location"] == "/"


def test_the_switcher_keeps_a_persons_choice_on_their_profile(cjk):
    client = Client()
    assert client.login(username=cjk.member.email, password=PASSWORD)
    client.post("/me/language/", {"language": "zh-hans", "next": "/"})
    cjk.member.refresh_from_db()
    assert cjk.member.language == "zh-hans"
    other_browser = Client(HTTP_ACCEPT_LANGUAGE="ja")
    assert other_browser.login(username=cjk.member.email, password=PASSWORD)
    assert '<html lang="zh-hans">' in other_browser.get("/").content.decode()


def test_the_settings_page_saves_language_and_time_zone_and_refuses_a_made_up_zone(cjk):
    client = Client()
    assert client.login(username=cjk.member.email, password=PASSWORD)
    bad = client.post("/me/settings/", {"language": "ja", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 400
    assert "“Mars/Olympus”" in bad.content.decode()
    cjk.member.refresh_from_db()
    assert (cjk.member.language, cjk.member.time_zone) == ("", "")  # nothing half-saved
    good = client.post("/me/settings/", {"language": "ja", "time_zone": "Asia/Tokyo"}, follow=True)
    assert "言語とタイムゾーンを保存しました。" in good.content.decode()
    cjk.member.refresh_from_db()
    assert (cjk.member.language, cjk.member.time_zone) == ("ja", "Asia/Tokyo")


def test_an_api_refusal_is_said_in_the_requests_language(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    answer = client.get("/api/meetings", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert answer.status_code == 401
    assert "请发送有效的令牌" in answer.json()["detail"]
    english = Client().get("/api/meetings", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert english.json()["detail"].startswith("Send a valid token")
