"""The editor's language select: choosing Chinese puts the checker's replacement for a name
standing alone in Chinese at once, before the draft is saved; saving keeps the choice."""

import pytest

from secondtrack.reports.models import Report
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_choosing_the_language_changes_the_replacement_offered(browser, asgi_server, world, width):
    report = Report.objects.create(
        series=world.series,
        meeting=world.alpha,
        kind="rapporteurs_report",
        title="摘要",
        body="## 出席者\n\n- Alice Tanaka\n",
    )
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, asgi_server, world.convenor.email, PASSWORD)
    page.goto(f"{asgi_server}/reports/{report.id}/edit/")
    replace = page.locator("#findings button.replace")
    assert replace.get_attribute("data-replacement") == "a participant"
    page.select_option("#draft select[name=language]", "zh-hans")  # not the header's switcher
    page.locator('#findings button.replace[data-replacement="一位与会者"]').wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"report-language-{width}")
    page.locator("#findings button.replace").click()
    page.click("#draft button[type=submit]")
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.language == "zh-hans" and "- 一位与会者" in report.body
    context.close()
