"""With CSP on, the product's own pages raise no violation: no inline style or script."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def violations_on(browser, base, user, paths):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    log_in(page, base, user.email, PASSWORD)
    found = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        seen = page.evaluate("window.__violations")
        if seen:
            found[path] = seen
    context.close()
    return found


def test_main_pages_raise_no_csp_violation(browser, asgi_server, world):
    session = world.alpha.sessions.first()
    paths = [
        "/",
        f"/series/{world.series.id}/",
        f"/meetings/{world.alpha.id}/",
        f"/sessions/{session.id}/",
        f"/meetings/{world.alpha.id}/balloons/",
        f"/meetings/{world.alpha.id}/reports/",
        f"/series/{world.series.id}/uptake/",
    ]
    assert violations_on(browser, asgi_server, world.convenor, paths) == {}
    assert violations_on(browser, asgi_server, world.alice, paths) == {}


def test_api_docs_render_offline_from_local_files(browser, asgi_server, db):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    remote = []
    page.on(
        "request", lambda r: remote.append(r.url) if not r.url.startswith(asgi_server) else None
    )
    page.goto(asgi_server + "/api/docs")
    page.get_by_text("/api/auth/token").first.wait_for()
    assert page.evaluate("window.__violations") == []
    assert remote == []  # nothing fetched from a CDN
    context.close()
