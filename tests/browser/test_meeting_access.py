import pytest

from secondtrack.dialogues.models import Meeting
from tests.browser.conftest import log_in, screenshot
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_sees_their_meeting_and_not_another(page, live_server, demo):
    first, *_, third = Meeting.objects.order_by("starts")
    log_in(page, live_server.url, "antonio.delacruz@example.org", DEMO_PASSWORD)
    page.wait_for_selector("h1:has-text('Your meetings')")
    listed = page.locator("table.list").inner_text()
    assert first.title in listed
    assert third.title not in listed
    page.click(f"text={first.title}")
    page.wait_for_selector("#sessions")
    assert page.locator("#track").inner_text().startswith("Track ")
    assert page.locator("#composition").count() == 0
    screenshot(page, "participant-meeting")
    response = page.goto(f"{live_server.url}/meetings/{third.id}/")
    assert response.status == 404
    assert third.title not in page.content()


def test_convenor_sees_composition_chart(page, live_server, demo):
    second = Meeting.objects.order_by("starts")[1]
    log_in(page, live_server.url, "weiling.lim@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/meetings/{second.id}/")
    assert page.locator("#composition svg rect").count() >= 10
    assert "Track 1.5" in page.locator("#track").inner_text()
    screenshot(page, "convenor-meeting")


def test_bad_login_is_explained(page, live_server, demo):
    log_in(page, live_server.url, "weiling.lim@example.org", "wrong password")
    assert "do not match an account" in page.locator("[role=alert]").inner_text()
