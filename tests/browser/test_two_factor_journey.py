"""A convenor's first sign-in with the second factor required, in Chromium at desk and
phone width: password, enrolment (QR code as inline SVG, key, code), recovery codes, then
a later sign-in with password and code; no CSP violation, nothing wider than the screen."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from secondtrack.audit.models import AuditEntry
from tests.browser.conftest import screenshot
from tests.browser.test_csp import COLLECT
from tests.factories import PASSWORD


def code_from(key_text: str, steps_ahead: int = 0) -> str:
    key = key_text.replace(" ", "")
    totp = TOTP(base64.b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_sign_in_and_enrolment_journey(browser, asgi_server, world, settings, width):
    settings.SECONDTRACK_REQUIRE_2FA = True
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    violations = []

    def collect():
        violations.extend(page.evaluate("window.__violations"))

    sign_in(page, asgi_server, world.convenor.email)
    page.wait_for_url("**/account/two-factor/**")
    assert page.get_by_text("Your role needs a second factor").is_visible()
    qr = page.locator("figure.qr svg")
    box = qr.bounding_box()
    assert box and 150 <= box["width"] <= 230, box  # scannable, and fits a phone
    assert fits(page, width)
    screenshot(page, f"two-factor-enrol-{width}")
    collect()
    key = page.locator("code.secret").inner_text()
    page.fill("input[name=code]", code_from(key))
    page.click("text=Turn on")
    codes = page.locator("ol.recovery-codes li")
    codes.first.wait_for()
    assert codes.count() == 10
    assert fits(page, width)
    screenshot(page, f"two-factor-recovery-codes-{width}")
    collect()
    page.click("text=I have kept them: continue")
    page.wait_for_url(asgi_server + "/")
    assert page.get_by_text("Maritime Dialogue").first.is_visible()
    collect()
    page.click("header button.link:has-text('Log out')")
    page.wait_for_load_state()

    sign_in(page, asgi_server, world.convenor.email)
    page.wait_for_url("**/login/code/**")
    assert fits(page, width)
    screenshot(page, f"two-factor-code-{width}")
    page.fill("input[name=code]", code_from(key, steps_ahead=1))  # a code not used before
    page.click("main button:has-text('Continue')")
    page.wait_for_url(asgi_server + "/")
    session = world.alpha.sessions.first()
    AuditEntry.objects.create(
        actor=world.convenor,
        action="rule_changed",
        series=world.series,
        target_type="dialogues.session",
        target_id=str(session.id),
        detail=f"session {session.id}: chatham_house to off_the_record",
    )
    AuditEntry.objects.create(
        actor=None,
        action="session_closed",
        series=world.series,
        detail=f"session {session.id} in meeting {world.alpha.id}",
    )
    page.goto(f"{asgi_server}/series/{world.series.id}/audit/")
    assert page.locator("table.audit tbody tr").count() == 2
    assert fits(page, width)
    screenshot(page, f"audit-log-{width}")
    collect()
    context.close()
    assert violations == []
