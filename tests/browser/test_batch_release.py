"""Shuffled batches in two browsers: in a small Chatham House room the second member sees
the first one's contributions only in batches, in an order that is not the posting order."""

import time

import pytest

from secondtrack.dialogues.models import Session
from tests.browser.conftest import screenshot
from tests.browser.test_live_session import contribution, open_session, post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZE = 3
ROUNDS = 12  # each batch keeps posting order with p = 1/6: all twelve do with p < 1e-9


@pytest.fixture
def batching(settings):
    from django.core.cache import cache

    settings.SECONDTRACK_BATCH_SIZE = SIZE
    settings.SECONDTRACK_BATCH_SECONDS = 4
    settings.SECONDTRACK_BATCH_TICK_SECONDS = 1
    cache.clear()
    yield settings
    cache.clear()


def seen(page) -> list[str]:
    return page.locator("#record article.contribution > .text").all_inner_texts()


def say(page, text: str) -> None:
    post(page, text)
    contribution(page, text)  # the author's own page shows it at once, from the answer


def wait_for_count(page, n: int, timeout: float = 6.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = seen(page)
        if len(texts) >= n:
            return texts
        page.wait_for_timeout(100)
    pytest.fail(f"expected {n} contributions, saw {seen(page)}")


def test_the_other_member_sees_contributions_only_in_shuffled_batches(
    browser, asgi_server, world, batching
):
    plenary = Session.objects.get(meeting=world.alpha, title="Plenary")
    alice_context, alice = open_session(browser, asgi_server, world.alice, plenary.id)
    carol_context, carol = open_session(browser, asgi_server, world.carol, plenary.id)
    try:
        assert "shuffled batches" in carol.locator("#rule").inner_text()
        say(alice, "A first thought.")
        say(alice, "A second thought.")
        assert alice.locator("#record .tag.pending").count() == 2
        carol.wait_for_timeout(1500)  # longer than a tick: nothing is due yet
        assert seen(carol) == []
        screenshot(alice, "batch-alice-pending")
        say(alice, "A third thought.")
        assert len(wait_for_count(carol, 3)) == 3  # the batch is complete: out it goes
        alice.wait_for_function("!document.querySelector('#record .tag.pending')", timeout=3000)

        for n in range(SIZE):  # a full batch within the four seconds since the last one
            say(alice, f"Later thought {n}.")
        assert len(seen(carol)) == 3  # held back by the clock, not by the count
        assert len(wait_for_count(carol, 6, timeout=10)) == 6  # a live page's tick released it

        batching.SECONDTRACK_BATCH_SECONDS = 0
        posted = []
        for r in range(ROUNDS):
            batch = [f"Round {r} item {i}." for i in range(SIZE)]
            for text in batch:
                say(alice, text)
            posted.append(batch)
            wait_for_count(carol, 6 + SIZE * (r + 1))
        arrived = seen(carol)[6:]
        batches = [arrived[i * SIZE : (i + 1) * SIZE] for i in range(ROUNDS)]
        assert [sorted(b) for b in batches] == [sorted(b) for b in posted]  # whole batches
        assert batches != posted  # and not in posting order
        assert carol.evaluate("window.notReloaded === true")
        assert "Alice" not in carol.locator("#record").inner_text()

        for width in (1280, 390):
            carol.set_viewport_size({"width": width, "height": 900})
            screenshot(carol, f"batch-carol-{width}")
    finally:
        alice_context.close()
        carol_context.close()
