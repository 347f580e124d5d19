"""Passkeys as a second factor in Chromium, with its virtual authenticator (CDP WebAuthn
domain): a convenor who must have a second factor adds a passkey as their only one, signs
out, signs in with the password and then the passkey, and later confirms it is them with the
passkey. The relying party is "localhost", so the page is opened at http://localhost:PORT
(the live server listens on 127.0.0.1, which localhost reaches). No CSP violation."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp_webauthn.models import WebAuthnCredential

from secondtrack.accounts import reauth
from secondtrack.audit.models import AuditEntry
from tests.browser.conftest import screenshot
from tests.browser.test_csp import COLLECT
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def session_of(context) -> SessionStore:
    key = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    return SessionStore(session_key=key)


@pytest.mark.parametrize("width", [1280, 390])
def test_passkey_enrol_sign_in_and_confirm(browser, asgi_server, world, settings, width):
    settings.SECONDTRACK_REQUIRE_2FA = True
    base = asgi_server.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    violations = []

    def collect():
        violations.extend(page.evaluate("window.__violations"))

    # first sign-in: the convenor must enrol, and a passkey alone is enough
    sign_in(page, base, world.convenor.email)
    page.wait_for_url("**/account/two-factor/**")
    page.get_by_role("button", name="Add a passkey").click()
    codes = page.locator("ol.recovery-codes li")
    codes.first.wait_for()
    assert codes.count() == 10
    credential = WebAuthnCredential.objects.get(user=world.convenor)
    assert credential.confirmed and credential.name == "Passkey 1"
    stored = cdp.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]}
    )
    assert len(stored["credentials"]) == 1
    collect()
    page.click("text=I have kept them: continue")
    page.wait_for_url(base + "/")  # not sent back to enrol
    assert page.get_by_text("Maritime Dialogue").first.is_visible()
    page.goto(base + "/account/two-factor/")
    assert page.locator("ul.passkeys li").count() == 1
    assert page.locator("ul.passkeys").get_by_text("Passkey 1").is_visible()
    screenshot(page, f"two-factor-passkeys-{width}")
    collect()
    page.click("header button.link:has-text('Log out')")
    page.wait_for_load_state()

    # next sign-in: the password, then the passkey instead of a code
    sign_in(page, base, world.convenor.email)
    page.wait_for_url("**/login/code/**")
    screenshot(page, f"two-factor-passkey-code-{width}")
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(base + "/")
    assert page.get_by_text("Maritime Dialogue").first.is_visible()
    credential.refresh_from_db()
    assert credential.last_used_at is not None
    collect()

    # later, the sign-in is no longer recent: the passkey confirms it is them
    session = session_of(context)
    session[reauth.SESSION_KEY] = time.time() - 3600
    session.save()
    page.goto(base + "/account/confirm/?next=/account/two-factor/")
    screenshot(page, f"two-factor-passkey-confirm-{width}")
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(base + "/account/two-factor/")
    assert page.get_by_text("Now do it again").is_visible()
    assert time.time() - session_of(context)[reauth.SESSION_KEY] < 60
    collect()

    assert AuditEntry.objects.filter(actor=world.convenor, action="passkey_added").count() == 1
    context.close()
    assert violations == []
