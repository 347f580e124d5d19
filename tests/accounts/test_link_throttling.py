"""Links from e-mails (invitations, Track One recipient pages) are throttled per address (many
unusable links) and per link (many posts), with a sentence saying when to try again."""

import pytest
from django.core.cache import cache

from tests.dialogues.test_invitations import invite
from tests.trackone.test_trackone import fresh_link, memo


@pytest.fixture(autouse=True)
def link_throttling_on(settings):
    settings.SECONDTRACK_LINK_THROTTLING = True
    settings.SECONDTRACK_LINK_FAILURES = 3
    settings.SECONDTRACK_LINK_POSTS = 4
    settings.SECONDTRACK_LINK_COOLOFF_MINUTES = 15
    cache.clear()
    yield
    cache.clear()


def test_an_address_guessing_invitation_links_is_paused_even_for_a_good_link(client, world):
    good = invite(client, world)
    guesses = [
        client.get(f"/invitation/guess-{i}/", REMOTE_ADDR="203.0.113.5").status_code
        for i in range(3)
    ]
    assert guesses == [410, 410, 410]
    paused = client.get(good, REMOTE_ADDR="203.0.113.5")
    assert paused.status_code == 429
    assert "Too many attempts; try again in 15 minutes." in paused.content.decode()
    assert paused["Retry-After"] == "900"
    # another address is not paused, and the good link still works there
    assert client.get(good, REMOTE_ADDR="198.51.100.1").status_code == 200


def test_guessing_recipient_links_is_paused_per_address(client, demo):
    for i in range(3):
        assert client.get(f"/t1/guess-{i}/", REMOTE_ADDR="203.0.113.6").status_code == 410
    link = fresh_link(client)
    assert client.get(link, REMOTE_ADDR="203.0.113.6").status_code == 429
    assert client.get(link, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_one_recipient_link_posted_to_again_and_again_is_paused_from_any_address(client, demo):
    link = fresh_link(client)
    proposal = memo().proposals.first()
    answer = {"proposal": proposal.id, "status": "noted", "note": ""}
    statuses = [
        client.post(link, answer, REMOTE_ADDR=f"198.51.100.{i}").status_code for i in range(4)
    ]
    assert statuses == [302, 302, 302, 302]
    refused = client.post(link, answer, REMOTE_ADDR="192.0.2.50")
    assert refused.status_code == 429
    assert "try again in 15 minutes" in refused.content.decode()
    # the page itself (GET) is paused too, but another body's link is not
    assert client.get(link, REMOTE_ADDR="192.0.2.51").status_code == 429
    assert (
        client.get(fresh_link(client, "Other forum"), REMOTE_ADDR="192.0.2.51").status_code == 200
    )


def test_posting_wrong_passwords_to_an_invitation_link_is_paused(client, world):
    link = invite(client, world)
    for _ in range(4):
        client.post(link, {"password": "short", "password_again": "other"})
    refused = client.post(
        link, {"password": "a long pass phrase", "password_again": "a long pass phrase"}
    )
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_the_cool_off(client, world, monkeypatch):
    import time

    good = invite(client, world)
    for i in range(3):
        client.get(f"/invitation/guess-{i}/")
    assert client.get(good).status_code == 429
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(good).status_code == 200
