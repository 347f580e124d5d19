"""A convenor builds a timetable in the browser: six sessions of mixed rules, one edited,
one removed, at 1280 and 390 px, with no CSP violation on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from secondtrack.dialogues.models import Session
from secondtrack.dialogues.timetable import zone_of
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""

SIX = [
    ("Opening plenary", "on_the_record", 9, 0, 60, "Halla Hall"),
    ("Incidents at sea", "chatham_house", 10, 30, 90, "Halla Hall"),
    ("Hotlines that are answered", "non_attributable", 14, 0, 90, "Room 2"),
    ("Dinner conversation", "off_the_record", 19, 0, 120, ""),
    ("Unmanned vessels", "chatham_house", 33, 30, 90, "Room 2"),
    ("What we take home", "on_the_record", 35, 30, 60, "Halla Hall"),
]


def _context(browser, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, timezone_id="Europe/London"
    )
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # hx-confirm on Remove
    return context, page


def _add(page, day, title, rule, hour, minute, minutes, room):
    if page.locator("#add-session[open]").count() == 0:
        page.click("#add-session summary")
    form = page.locator("#add-session form")
    starts = day + timedelta(hours=hour, minutes=minute)
    form.locator("input[name=title]").fill(title)
    form.locator("select[name=rule]").select_option(rule)
    form.locator("input[name=starts]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=duration_minutes]").fill(str(minutes))
    form.locator("input[name=room]").fill(room)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#sessions td:has-text('{title}')")


@pytest.mark.parametrize("width", [1280, 390])
def test_convenor_builds_edits_and_trims_a_timetable(browser, asgi_server, world, width):
    meeting = world.alpha
    meeting.time_zone, meeting.place = "Asia/Seoul", "Jeju"
    meeting.save()
    meeting.sessions.all().delete()
    day = (timezone.now() + timedelta(days=40)).astimezone(zone_of(meeting))
    day = day.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    context, page = _context(browser, width)
    log_in(page, asgi_server, world.convenor.email, PASSWORD)
    page.goto(f"{asgi_server}/meetings/{meeting.id}/")
    for row in SIX:
        _add(page, day, *row)
    assert Session.objects.filter(meeting=meeting, status="scheduled").count() == 6
    page.wait_for_function("document.querySelectorAll('.reader-time').length === 6")
    screenshot(page, f"timetable-six-{width}")

    target = Session.objects.get(meeting=meeting, title="Incidents at sea")
    page.click(f"#session-row-{target.id} a:has-text('Edit')")
    editor = page.locator("#edit-session")
    editor.wait_for()
    editor.locator("select[name=rule]").select_option("non_attributable")
    editor.locator("input[name=room]").fill("Room 3")
    screenshot(page, f"timetable-edit-{width}")
    editor.locator("button[type=submit]").click()
    page.wait_for_selector("#timetable .flash:has-text('saved')")
    target.refresh_from_db()
    assert (target.rule, target.room) == ("non_attributable", "Room 3")

    gone = Session.objects.get(meeting=meeting, title="Dinner conversation")
    page.click(f"#session-row-{gone.id} button:has-text('Remove')")
    page.wait_for_selector("#timetable .flash:has-text('removed')")
    assert not Session.objects.filter(id=gone.id).exists()
    assert page.locator("#sessions tbody tr").count() == 5
    screenshot(page, f"timetable-done-{width}")

    violations = page.evaluate("window.__violations")  # raised during the htmx swaps
    page.goto(f"{asgi_server}/meetings/{meeting.id}/")
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__violations")
    context.close()
    assert violations == [], violations
