"""Connecting Dropbox and Google Drive in Chromium with CSP on: the consent form's redirect
to the provider is allowed for that provider only, and the reader comes back connected."""

import pytest

from secondtrack.delivery.models import Connection
from tests.browser.conftest import log_in
from tests.delivery.conftest import fake_dropbox, fake_google  # noqa: F401 - fixtures
from tests.factories import PASSWORD, user_for

pytestmark = pytest.mark.browser

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def connect_in_browser(browser, base, provider: str):
    reader = user_for(None, f"reader-{provider}@example.org")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(COLLECT)
    page = context.new_page()
    log_in(page, base, reader.email, PASSWORD)
    page.goto(f"{base}/me/delivery/{provider}/connect/")
    policy = page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    page.check("input[name=agree]")
    with page.expect_navigation(url=lambda url: "/connect/" not in url, timeout=15000):
        page.get_by_role("button", name="Continue to").click()
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    body = page.content()
    context.close()
    return reader, policy, violations, body


def test_dropbox_connects_in_chromium_with_csp_on(browser, asgi_server, fake_dropbox):  # noqa: F811 - fixture
    reader, policy, violations, body = connect_in_browser(browser, asgi_server, "dropbox")
    assert f"form-action 'self' {fake_dropbox.url}" in policy
    assert violations == []
    assert Connection.objects.filter(user=reader, provider="dropbox").exists()
    assert "is connected" in body


def test_google_drive_connects_in_chromium_with_csp_on(browser, asgi_server, fake_google):  # noqa: F811 - fixture
    reader, policy, violations, body = connect_in_browser(browser, asgi_server, "gdrive")
    assert fake_google.url in policy
    assert violations == []
    assert Connection.objects.filter(user=reader, provider="gdrive").exists()


def test_other_pages_still_allow_forms_to_this_site_only(client, db):
    user = user_for(None, "plain@example.org")
    client.force_login(user)
    policy = client.get("/me/delivery/")["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"
