"""No figure on a balloon's map, page or export tells a member how an identifiable person
voted: checked on the demo's real composition (its meetings, countries and sectors)."""

import json
import re

from django.urls import reverse

from secondtrack.balloons.models import Balloon, Pseudonym, Reaction
from secondtrack.balloons.opinion import opinion_map
from secondtrack.dialogues.models import Participation
from tests import factories
from tests.balloons.test_opinion_map import planted_room
from tests.record.helpers import bearer

K = 3
COUNT = re.compile(r"(\d+) of (\d+)\b(?! resamples)")


def telling(text: str) -> list[str]:
    """'a of n' phrases within one person of all or none: each would say how people voted."""
    return [
        m.group(0) for m in COUNT.finditer(text) if int(m[1]) >= int(m[2]) - 1 or int(m[1]) <= 1
    ]


def test_the_demo_maps_never_give_a_near_unanimous_count_or_a_small_bloc(client, demo):
    balloons = list(Balloon.objects.all())
    assert balloons
    for balloon in balloons:
        shown = balloon.final_map if balloon.final_map else opinion_map(balloon).public(True)
        dumped = json.dumps(shown)
        assert telling(dumped) == [], balloon.title
        for item in shown["cross_line"]:
            for cell in item["blocs"]:
                assert cell["members"] >= K
                assert cell["agree"] is None or 2 <= cell["agree"] <= cell["reacted"] - 2
        for item in shown["consensus"]:
            if item["n_agree"] is not None:
                assert 2 <= item[f"n_{item['direction']}"] <= item["n_reacted"] - 2
        if shown["support"].get("reacted"):
            s = shown["support"]
            assert s["agree"] is None or 2 <= s["agree"] <= s["reacted"] - 2
        # blocs under k are never named: count the meeting's countries among those who voted
        if balloon.meeting_id:
            members = Participation.objects.filter(
                meeting_id=balloon.meeting_id, status__in=Participation.MEMBER_STATUSES
            ).select_related("person")
            countries = [p.person.primary_country for p in members]
            small = {c for c in countries if c and countries.count(c) < K}
            named = {b["bloc"] for b in shown["evidence"].get("blocs_shown", [])}
            assert not (named & small), balloon.title
    member = next(a for key, a in demo.items() if key.startswith("participant:"))
    assert client.login(username=member.email, password=factories.DEMO_PASSWORD)
    for balloon in balloons:
        page = client.get(reverse("balloon", args=[balloon.id]))
        if page.status_code == 200:
            assert telling(page.content.decode()) == [], balloon.title


def test_closing_rewrites_pseudonyms_and_reactions_under_new_ids(client, room):
    bid, _ = planted_room(client, room)
    before_ids = set(Pseudonym.objects.filter(balloon_id=bid).values_list("id", flat=True))
    votes = sorted(
        Reaction.objects.filter(pseudonym__balloon_id=bid).values_list("vote", flat=True)
    )
    client.post(
        f"/api/balloons/{bid}/close",
        {"outcome": "parked"},
        content_type="application/json",
        **bearer(client, room.convenor),
    )
    after = Pseudonym.objects.filter(balloon_id=bid)
    assert after.count() == len(before_ids) and not (
        set(after.values_list("id", flat=True)) & before_ids
    )
    assert not after.filter(tag__isnull=False).exists()
    assert (
        sorted(Reaction.objects.filter(pseudonym__balloon_id=bid).values_list("vote", flat=True))
        == votes
    )
