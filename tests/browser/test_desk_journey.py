"""The convenor's desk in a real browser: series → meeting (with the live track preview) →
clone → side meeting → invite from the draft list, at desktop and phone widths, with no CSP
violation on any page."""

import pytest

from secondtrack.dialogues.models import (
    Invitation,
    Meeting,
    Participation,
    Series,
    SeriesRole,
    Session,
)
from tests import factories
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_csp import COLLECT
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page, violations, fits: int | None = None):
    """Collect CSP violations; on the desk's own forms, check nothing runs off the side."""
    found = page.evaluate("window.__violations")
    violations.extend(f"{page.url}: {v}" for v in found)
    if fits:
        assert page.evaluate("document.querySelector('main').scrollWidth") <= fits


@pytest.mark.parametrize("width", [1280, 390])
def test_a_convenor_sets_up_a_series_a_meeting_a_clone_and_a_side_meeting(
    browser, live_server, width
):
    convenor = factories.user_for(None, f"desk{width}@example.org")
    first = factories.meeting(Series.objects.create(title="Earlier"), "Earlier meeting")
    SeriesRole.objects.create(series=first.series, user=convenor, role="convenor")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.set_default_timeout(10000)
    violations: list[str] = []
    log_in(page, live_server.url, convenor.email, PASSWORD)

    page.click("#new-series")
    page.fill("input[name=title]", "Maritime Hotlines Dialogue")
    page.fill("textarea[name=description]", "Coast guards and navies on incidents at sea.")
    screenshot(page, f"desk-{width}-new-series")
    checked(page, violations, fits=width)
    page.click("#series-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Maritime Hotlines Dialogue')")

    page.click("#new-meeting")
    page.fill("input[name=title]", "Hotlines I")
    page.fill("input[name=place]", "Seoul")
    page.fill("input[name=starts]", "2026-05-04")
    page.fill("input[name=ends]", "2026-05-05")
    page.fill("input[name=time_zone]", "Asia/Seoul")
    page.fill("input[name=country]", "KR")
    assert "Track 2" in page.inner_text("#track-preview")
    page.select_option("select[name=agenda_set_by]", "government")
    page.wait_for_selector("#track-preview-warning")
    preview = page.inner_text("#track-preview")
    assert "Track 1.5" in preview and "officials set the agenda" in preview
    screenshot(page, f"desk-{width}-meeting-preview")
    checked(page, violations, fits=width)
    page.select_option("select[name=agenda_set_by]", "independent")
    page.wait_for_selector("#track-preview-warning", state="detached")
    page.click("#save-meeting")
    page.wait_for_selector("#desk-actions")
    meeting = Meeting.objects.get(title="Hotlines I")
    assert meeting.time_zone == "Asia/Seoul" and meeting.agenda_set_by == "independent"
    Session.objects.create(meeting=meeting, title="Plenary", rule="chatham_house")
    factories.attend(meeting, factories.person("Dana Kim", email=f"dana{width}@example.org"))

    page.click("text=Clone into a new meeting")
    page.fill("input[name=title]", "Hotlines II")
    page.fill("input[name=starts]", "2026-11-02")
    page.fill("input[name=ends]", "2026-11-03")
    checked(page, violations, fits=width)
    page.click("#clone-form button[type=submit]")
    page.wait_for_selector("#drafts")
    assert "Dana Kim" in page.inner_text("#drafts")
    assert "Plenary" in page.inner_text("main")  # the sessions came along
    screenshot(page, f"desk-{width}-clone")
    checked(page, violations)

    page.click("text=Add a side meeting")
    page.fill("input[name=title]", "Officials' breakfast")
    page.select_option("select[name=invitations_routed]", "governments")
    page.wait_for_selector("#track-preview:has-text('Track 1.5')")
    screenshot(page, f"desk-{width}-side-meeting")
    checked(page, violations, fits=width)
    page.click("#save-meeting")
    page.wait_for_selector("#parent-meeting")
    side = Meeting.objects.get(title="Officials' breakfast")
    assert side.parent.title == "Hotlines II"
    page.click("#parent-meeting a")
    page.wait_for_selector("#side-meetings")
    assert "Officials' breakfast" in page.inner_text("#side-meetings")
    screenshot(page, f"desk-{width}-main-with-side")
    checked(page, violations)

    page.click("#drafts button:has-text('Invite')")
    page.wait_for_selector("#drafts", state="detached")  # nobody is left on the draft list
    dana = Participation.objects.get(meeting__title="Hotlines II", person__name="Dana Kim")
    assert dana.status == Participation.Status.INVITED
    assert Invitation.objects.filter(participation=dana, used__isnull=True).exists()
    checked(page, violations)
    context.close()
    assert violations == []
