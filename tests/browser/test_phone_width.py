"""On a phone no page is wider than the screen: the header wraps, tables scroll in place."""

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def overflowing(browser, base, user, paths, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, base, user.email, PASSWORD)
    wide = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    screenshot(page, f"phone-{width}-{user.email.split('@')[0]}")
    context.close()
    return wide


@pytest.mark.parametrize("width", [390, 360])
def test_main_pages_fit_a_phone_for_convenor_and_participant(browser, asgi_server, world, width):
    paths = [
        "/",
        f"/series/{world.series.id}/",
        f"/series/{world.series.id}/uptake/",
        f"/meetings/{world.alpha.id}/balloons/",
        f"/meetings/{world.alpha.id}/",
    ]
    assert overflowing(browser, asgi_server, world.convenor, paths, width) == {}
    assert overflowing(browser, asgi_server, world.alice, paths, width) == {}
