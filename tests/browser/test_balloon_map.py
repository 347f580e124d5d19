"""Trial balloons in the browser: float one anonymously, react from two participants, and
watch the opinion map redraw itself live without a name anywhere on it."""

import re

import pytest

from secondtrack.balloons import selectors, services
from secondtrack.balloons.models import Balloon, Pseudonym
from tests.balloons import conftest as balloons
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

room = balloons.room  # alpha with twelve more members, the fixture of tests/balloons

PROPOSAL = "Hotline between coast guards"
SUPPORT = re.compile(r"agreed by (\d+) of (\d+) who reacted")


def logged_in_context(browser, base, user):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    log_in(page, base, user.email, PASSWORD)
    page.wait_for_url(lambda url: "/login/" not in url, timeout=20000)
    return context, page


def open_balloon(browser, base, user, balloon_id):
    context, page = logged_in_context(browser, base, user)
    page.goto(f"{base}/balloons/{balloon_id}/")
    page.wait_for_selector("section#map[data-live='1']", timeout=20000)
    page.evaluate("window.notReloaded = true")
    return context, page


def support(page) -> tuple[int, int]:
    found = SUPPORT.search(page.locator("section#map .support").inner_text())
    assert found, "the map states no support line"
    return int(found[1]), int(found[2])


def planted_balloon(room) -> Balloon:
    """A balloon floated by alice with three statements; the twelve room members react:
    JP members agree with A and disagree with C, KR members the reverse, all agree with B,
    and eight of the twelve agree with the proposal itself."""
    floated = services.float_balloon(selectors.member_access(room.alice, room.alpha.id), PROPOSAL)
    balloon = floated.balloon
    by_alice = selectors.balloon_access(room.alice, balloon.id)
    a = services.add_statement(by_alice, "Joint search-and-rescue drills first")
    b = services.add_statement(by_alice, "Acceptable if both coast guards staff it", "condition")
    c = services.add_statement(
        by_alice, "A hotline legitimises the other side's claims", "objection"
    )
    proposal = balloon.statements.get(kind="proposal")
    for n, user in enumerate(room.users):
        side = 1 if n < 6 else -1
        access = selectors.balloon_access(user, balloon.id)
        services.react(access, proposal.id, 1 if n < 8 else -1)
        services.react(access, a.id, side)
        services.react(access, b.id, 1)
        services.react(access, c.id, -side)
    return balloon


def member_names(room) -> list[str]:
    people = [room.alice, room.carol, *room.users]
    return [u.person.name for u in people] + [u.email for u in people]


def float_from_the_form(page, text):
    page.fill("#float textarea[name=text]", text)
    page.click("#float button[type=submit]")


def test_a_participant_floats_a_balloon_and_keeps_only_a_receipt(browser, asgi_server, world):
    context, page = logged_in_context(browser, asgi_server, world.alice)
    try:
        page.goto(f"{asgi_server}/meetings/{world.alpha.id}/balloons/")
        page.wait_for_selector("#balloons td:has-text('No balloon has been floated yet')")
        float_from_the_form(page, "Fisheries data shared monthly")

        code = page.wait_for_selector("#receipt-code", timeout=5000).inner_text().strip()
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", code)
        receipt = page.locator("#receipt").inner_text()
        assert "Fisheries data shared monthly" in receipt
        assert "Alice Tanaka" not in receipt
        balloon = Balloon.objects.get()
        assert balloon.title == "Fisheries data shared monthly"
        assert services.verify_receipt(balloon, code)
        assert code not in str(Balloon.objects.values().get())  # only its hash is stored
        screenshot(page, "balloon-receipt")

        page.click("#receipt a:has-text('Go to the balloon')")
        page.wait_for_url(f"**/balloons/{balloon.id}/", timeout=5000)
        assert page.locator("h1").inner_text() == "Fisheries data shared monthly"
        page.wait_for_selector("section#map[data-live='1']", timeout=20000)
        assert "Alice Tanaka" not in page.locator("body").inner_text()
        assert "The map appears once participants react." in page.locator("#map").inner_text()

        page.goto(f"{asgi_server}/meetings/{world.alpha.id}/balloons/")
        assert page.locator("#balloons tbody tr").count() == 1
        assert "Fisheries data shared monthly" in page.locator("#balloons").inner_text()
        screenshot(page, "balloon-list")
    finally:
        context.close()


def test_a_reaction_redraws_the_other_participants_map_live_without_names(
    browser,
    asgi_server,
    room,
):
    balloon = planted_balloon(room)
    alice_context, alice = open_balloon(browser, asgi_server, room.alice, balloon.id)
    carol_context, carol = open_balloon(browser, asgi_server, room.carol, balloon.id)
    try:
        assert support(alice) == (8, 12)
        assert support(carol) == (8, 12)
        assert alice.locator("section#map svg.opinion circle").count() == 12
        before = alice.locator("section#map").get_attribute("data-refreshed") or "0"

        proposal = balloon.statements.get(kind="proposal")
        carol.click(f"#s-{proposal.id} button:has-text('Agree')")
        alice.wait_for_function(
            "before => (document.querySelector('section#map').dataset.refreshed || '0') !== before",
            arg=before,
            timeout=15000,
        )
        alice.wait_for_function(
            "() => /agreed by 9 of 13/.test(document.querySelector('section#map .support')"
            ".innerText)",
            timeout=15000,
        )
        carol.wait_for_selector(f"#s-{proposal.id} button.vote.chosen:has-text('Agree')")
        carol.wait_for_function(
            "() => /agreed by 9 of 13/.test(document.querySelector('section#map .support')"
            ".innerText)",
            timeout=15000,
        )

        reacted = Pseudonym.objects.filter(balloon=balloon, reactions__isnull=False).distinct()
        assert reacted.count() == 13
        names = member_names(room)
        # carol reacted, so her own dot is marked on her map; alice has not reacted
        for page, own_dots in ((alice, 0), (carol, 1)):
            assert page.evaluate("window.notReloaded === true")
            assert support(page) == (9, 13)
            section = page.locator("section#map")
            assert section.locator("svg.opinion circle").count() == 13
            assert section.locator("svg.opinion circle.me").count() == own_dots
            shown = section.inner_text() + section.inner_html()
            assert not [name for name in names if name in shown]
            assert section.locator(".group").count() >= 2
            assert "never shown. Every group has at least 3 members." in section.inner_text()
        assert "Acceptable if both coast guards staff it" in (
            alice.locator("#cross-line").inner_text()
        )
        screenshot(alice, "balloon-map-alice")
        screenshot(carol, "balloon-map-carol")
    finally:
        alice_context.close()
        carol_context.close()


def test_a_multi_line_proposal_from_the_form_gets_a_clean_title(browser, asgi_server, world):
    context, page = logged_in_context(browser, asgi_server, world.alice)
    try:
        page.goto(f"{asgi_server}/meetings/{world.alpha.id}/balloons/")
        float_from_the_form(page, "Fisheries data shared monthly\nBoth sides publish catches.")
        page.wait_for_selector("#receipt-code", timeout=5000)
        assert Balloon.objects.get().title == "Fisheries data shared monthly"
    finally:
        context.close()


def test_new_statements_reach_open_pages_live_and_endorsing_presses_the_button(
    browser, asgi_server, room
):
    balloon = planted_balloon(room)
    alice_context, alice = open_balloon(browser, asgi_server, room.alice, balloon.id)
    carol_context, carol = open_balloon(browser, asgi_server, room.carol, balloon.id)
    try:
        carol.fill("#statements input[name=text]", "Review the hotline after one year")
        carol.click("#statements button:has-text('Add statement')")
        alice.wait_for_function(
            "() => document.querySelector('#statements tbody').innerText"
            ".includes('Review the hotline after one year')",
            timeout=4000,
        )
        assert alice.evaluate("window.notReloaded === true")
        added = balloon.statements.get(text="Review the hotline after one year")
        alice.click(f"#s-{added.id} button:has-text('Agree')")  # the new row's buttons work
        alice.wait_for_selector(f"#s-{added.id} button.vote.chosen:has-text('Agree')")

        agreed = balloon.statements.get(text="Acceptable if both coast guards staff it")
        button = alice.locator(f"#endorse-{agreed.id} button")
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        alice.wait_for_selector(f"#endorse-{agreed.id} button[aria-pressed='true']")
        assert room.alice.person.name in alice.locator(f"#endorse-{agreed.id}").inner_text()
        assert alice.evaluate("window.notReloaded === true")
        carol.wait_for_function(
            "name => document.querySelector('#statements tbody').innerText.includes(name)",
            arg=room.alice.person.name,
            timeout=4000,
        )
        alice.wait_for_timeout(1500)  # any live refresh of alice's own page has landed
        assert button.get_attribute("aria-pressed") == "true"
        alice.set_viewport_size({"width": 1280, "height": 900})
        screenshot(alice, "balloon-endorse-1280")
        alice.set_viewport_size({"width": 390, "height": 844})
        screenshot(alice, "balloon-endorse-390")
    finally:
        alice_context.close()
        carol_context.close()
