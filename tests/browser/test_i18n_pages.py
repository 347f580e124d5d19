"""The meeting page in Simplified Chinese and Japanese on a desktop and a phone: the
browser's language is honoured, CJK text renders in its fonts without overflowing, and
the header's switcher (a form, no script) changes the language."""

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.browser.test_csp import COLLECT
from tests.factories import PASSWORD
from tests.i18n.conftest import cjk  # noqa: F401  (the CJK world)

pytestmark = pytest.mark.browser

HEADING = {"zh-hans": "日程表", "ja": "タイムテーブル"}  # the timetable's heading


@pytest.mark.parametrize("lang", ["zh-hans", "ja"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_meeting_page_in_the_browsers_language(browser, asgi_server, cjk, lang, width):  # noqa: F811
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN" if lang == "zh-hans" else "ja-JP"
    )
    context.add_init_script(COLLECT)
    page = context.new_page()
    log_in(page, asgi_server, cjk.member.email, PASSWORD)
    page.goto(f"{asgi_server}/meetings/{cjk.meeting.id}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.get_by_role("heading", name=HEADING[lang]).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    switcher = page.locator("form.lang-switch")
    assert switcher.is_visible()
    box = switcher.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("window.__violations") == []
    screenshot(page, f"i18n-meeting-{lang}-{width}")
    context.close()


def test_the_switcher_changes_the_language_and_keeps_the_page(browser, asgi_server, cjk):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, asgi_server, cjk.member.email, PASSWORD)
    page.goto(f"{asgi_server}/meetings/{cjk.meeting.id}/")
    assert page.evaluate("document.documentElement.lang") == "zh-hans"
    page.select_option("#lang-switch", "ja")
    page.get_by_role("button", name="切换").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/meetings/{cjk.meeting.id}/")
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert page.get_by_role("heading", name=HEADING["ja"]).is_visible()
    cjk.member.refresh_from_db()
    assert cjk.member.language == "ja"
    screenshot(page, "i18n-switched-ja-390")
    context.close()
