"""A convenor invites from the registry in Chromium, CSP on, at 1280 and 390 px: search by
a romanised name, see the room and the delegation gaps, invite; then the breach log."""

import pytest

from secondtrack.dialogues.models import DelegationTarget, Participation
from tests import factories as f
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_csp import COLLECT
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_convenor_finds_and_invites_a_registry_person(browser, asgi_server, world, width):
    ima = f.organisation("Institute of Maritime Affairs", kind="think_tank", acronym="IMA")
    tanaka = f.person(
        "Hiroshi Tanaka", (ima, "employment"), other_names=["田中博"], email="ht@ima.example"
    )
    DelegationTarget.objects.create(series=world.series, category="expert", count=2)
    DelegationTarget.objects.create(series=world.series, category="foreign", count=1)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(COLLECT)
    page = context.new_page()
    log_in(page, asgi_server, world.convenor.email, PASSWORD)
    page.goto(f"{asgi_server}/meetings/{world.alpha.id}/invite/")
    page.fill("input[name=q]", "tanaka hiroshi")
    page.click("#registry-search button[type=submit]")
    candidate = page.locator(f"#candidate-{tanaka.id}")
    assert "田中博" in candidate.inner_text()
    assert "Institute of Maritime Affairs" not in candidate.inner_text()  # not in the series
    jp = page.locator("#delegation-JP").inner_text()
    assert "expert" in jp and "foreign-ministry official" in jp
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"invite-search-{width}")
    candidate.locator("button[type=submit]").click()
    page.wait_for_url(f"**/meetings/{world.alpha.id}/")
    assert Participation.objects.get(person=tanaka).status == "invited"
    page.goto(f"{asgi_server}/series/{world.series.id}/breaches/")
    page.select_option("select[name=person]", str(world.bob.person.id))
    page.fill("textarea[name=what]", "Named a participant to a journalist.")
    page.fill("input[name=occurred]", "2025-09-02")
    page.click("main button[type=submit]")
    assert "Named a participant to a journalist." in page.locator("#breaches").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"breach-log-{width}")
    assert page.evaluate("window.__violations") == []
    context.close()
