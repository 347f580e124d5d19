"""The chosen vote is told to assistive technology (aria-pressed), not by colour alone."""

import re

from django.urls import reverse

from tests.balloons.test_balloons import float_balloon, statements, vote
from tests.factories import PASSWORD
from tests.record.helpers import bearer


def pressed(html: str) -> dict[str, str]:
    buttons = re.findall(r'<button name="vote" value="(-?\d)"[^>]*aria-pressed="(\w+)"', html)
    return dict(buttons)


def test_the_chosen_vote_is_pressed_and_the_others_are_not(client, world):
    alice = bearer(client, world.alice)
    bid = float_balloon(client, alice, world.alpha.id).json()["id"]
    (proposal,) = statements(client, alice, bid)
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert pressed(page) == {"1": "false", "-1": "false", "0": "false"}
    vote(client, alice, bid, proposal["id"], -1)
    page = client.get(reverse("balloon", args=[bid])).content.decode()
    assert pressed(page) == {"1": "false", "-1": "true", "0": "false"}
