"""A Track One recipient opens the link from their e-mail and records a response."""

import pytest

from secondtrack.trackone.models import Response
from tests.browser.conftest import screenshot
from tests.trackone.test_trackone import CONVENOR, fresh_link, memo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recipient_reads_the_memorandum_and_records_a_response(page, asgi_server, demo):
    link = fresh_link(None)
    page.goto(asgi_server + link)
    assert "Coast guard encounters" in page.inner_text("article.publication")
    assert "Published online:" in page.inner_text("article.publication")
    first = page.locator(".proposal").first
    first.locator("select[name=status]").select_option("under_consideration")
    first.locator("input[name=note]").fill("On the agenda of the next session.")
    first.locator("button[type=submit]").click()
    page.wait_for_selector("text=your response is recorded", timeout=5000)
    assert "On the agenda of the next session." in page.locator(".proposal").first.inner_text()
    screenshot(page, "recipient-page")
    assert Response.objects.filter(by_recipient=True, status="under_consideration").exists()
    assert CONVENOR not in page.content()
    assert memo().title in page.title()
