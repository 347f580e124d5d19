"""The live session in two browsers: members see each other's words at once, never a name."""

import pytest

from secondtrack.dialogues.models import Session
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ("Alice Tanaka", "Carol Park")


def open_session(browser, base, user, session_id):
    context = browser.new_context(viewport={"width": 900, "height": 900})
    page = context.new_page()
    log_in(page, base, user.email, PASSWORD)
    page.wait_for_url(lambda url: "/login/" not in url, timeout=5000)
    page.goto(f"{base}/sessions/{session_id}/")
    page.wait_for_selector("#session[data-live='1']", timeout=5000)
    page.evaluate("window.notReloaded = true")
    return context, page


def post(page, text):
    page.fill("#contribute textarea[name=text]", text)
    page.click("#contribute button[type=submit]")


def contribution(page, text):
    return page.wait_for_selector(f"#record article.contribution:has-text('{text}')", timeout=3000)


def buttons(article):
    return [b.inner_text() for b in article.query_selector_all(":scope > .controls button")]


def test_members_see_each_others_contributions_live_without_names(browser, asgi_server, world):
    plenary = Session.objects.get(meeting=world.alpha, title="Plenary")
    assert (plenary.rule, plenary.status) == ("chatham_house", "open")
    alice_context, alice = open_session(browser, asgi_server, world.alice, plenary.id)
    carol_context, carol = open_session(browser, asgi_server, world.carol, plenary.id)
    try:
        post(alice, "Freedom of navigation is not negotiable.")
        seen_by_carol = contribution(carol, "Freedom of navigation")
        mine_for_alice = contribution(alice, "Freedom of navigation")
        post(carol, "Fisheries cooperation could come first.")
        seen_by_alice = contribution(alice, "Fisheries cooperation")
        mine_for_carol = contribution(carol, "Fisheries cooperation")

        alice.wait_for_selector("#record article.own button:has-text('Withdraw')", timeout=3000)
        carol.wait_for_selector("#record article.own button:has-text('Withdraw')", timeout=3000)
        assert buttons(mine_for_alice) == ["Reply", "Edit", "Withdraw"]
        assert buttons(mine_for_carol) == ["Reply", "Edit", "Withdraw"]
        assert buttons(seen_by_carol) == ["Reply"]
        assert buttons(seen_by_alice) == ["Reply"]

        for page in (alice, carol):
            assert page.evaluate("window.notReloaded === true")
            record = page.locator("#record").inner_text()
            assert not any(name in record for name in NAMES)
            headers = page.locator("#record article.contribution > header").all_inner_texts()
            assert len(headers) == 2
            assert all(h.startswith("A participant") for h in headers)
        screenshot(alice, "live-session-alice")
        screenshot(carol, "live-session-carol")
    finally:
        alice_context.close()
        carol_context.close()


def test_outsiders_websocket_to_the_session_is_refused(browser, asgi_server, world):
    plenary = Session.objects.get(meeting=world.alpha, title="Plenary")
    context = browser.new_context()
    try:
        page = context.new_page()
        log_in(page, asgi_server, world.outsider.email, PASSWORD)
        page.wait_for_url(lambda url: "/login/" not in url, timeout=5000)
        assert page.goto(f"{asgi_server}/sessions/{plenary.id}/").status == 404
        outcome = page.evaluate(
            """url => new Promise(resolve => {
                const socket = new WebSocket(url);
                socket.onopen = () => resolve("open");
                socket.onclose = () => resolve("refused");
                setTimeout(() => resolve("timeout"), 3000);
            })""",
            asgi_server.replace("http", "ws") + f"/ws/sessions/{plenary.id}/",
        )
        assert outcome == "refused"
    finally:
        context.close()
