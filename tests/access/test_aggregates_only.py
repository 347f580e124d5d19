"""Funders and analysts see aggregates only: no contribution, balloon statement, draft
body or participant's name in any page or API response they receive, while composition
and the funnel stay reachable for them."""

from __future__ import annotations

import pytest

from tests.access.matrix import ALL_OPS, Call, call_for, client_for, outcome, page_path, send
from tests.access.world import BY_KEY, SECRET_WORDS

AGGREGATE_ROLES = ("funder", "analyst")
READS = [(k, op) for k, op in ALL_OPS if op.method == "GET"]


def _forbidden_strings(world, identity) -> list[str]:
    own = f"Person {identity.key.replace('_', ' ').title()} Zed"
    return [*SECRET_WORDS.values(), *(n for n in world.names if n != own)]


@pytest.mark.parametrize("role", AGGREGATE_ROLES)
@pytest.mark.parametrize("op_key,op", READS, ids=[str(k) for k, _ in READS])
def test_no_content_or_name_reaches_an_aggregates_only_role(db, world, role, op_key, op):
    identity = BY_KEY[role]
    client = client_for(world, identity)
    leaks = []
    for obj in world.objects[op.kind]:
        call = call_for(op_key, op, obj, identity)
        response = send(client, world, identity, op_key, call)
        if not 200 <= response.status_code < 300:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        leaks += [f"{call.path}: {s!r}" for s in _forbidden_strings(world, identity) if s in text]
    assert not leaks, f"{role} received:\n" + "\n".join(leaks)


@pytest.mark.parametrize("role", AGGREGATE_ROLES)
def test_composition_and_funnel_are_reachable_for_aggregates_only_roles(db, world, role):
    identity = BY_KEY[role]
    client = client_for(world, identity)
    meeting = world.objects["meeting"][0].ids
    series = world.objects["series"][0].ids
    for path in ("/api/meetings/{meeting_id}/composition", "/api/series/{series_id}/funnel"):
        call = Call(path, "GET", path.format(**meeting, **series), None)
        assert outcome(send(client, world, identity, ("GET", path), call)) == "allowed", path
    for name, ids in (("trackone_dashboard", series), ("meeting", meeting)):
        assert client.get(page_path(name, ids)).status_code == 200, name
