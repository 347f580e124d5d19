"""The authorization matrix: every identity × every operation × every object of its kind,
answered as core/policy.py says (see matrix.py for how the expectation is computed).

It can fail: in a scratch copy of the tree (not committed), replacing
``require(access.grants, Can.READ_CONTENT, "session")`` in record/selectors.py::session_access
by ``pass`` made the funder and analyst rows of the session operations fail: GET
/sessions/<id>/ and GET /api/sessions/<id>/contributions answered 200 on every rule where
the policy says 403.
"""

from __future__ import annotations

import pytest

from secondtrack.api.endpoints import api
from tests.access.matrix import (
    ALL_OPS,
    agrees,
    call_for,
    client_for,
    expected,
    outcome,
    page_url_patterns,
    send,
)
from tests.access.operations import (
    API,
    EXCLUDED_API,
    EXCLUDED_PAGES,
    EXCLUDED_PREFIXES,
    PAGES,
)
from tests.access.world import IDENTITIES


def test_every_page_is_declared():
    names = {
        name
        for name, pattern in page_url_patterns()
        if not pattern.full.startswith(EXCLUDED_PREFIXES) and name not in EXCLUDED_PAGES
    }
    assert names - set(PAGES) == set(), "declare these pages in tests/access/operations.py"
    assert set(PAGES) - names == set(), "these declared pages no longer exist"


def test_every_api_operation_is_declared():
    schema = api.get_openapi_schema()
    ops = {(m.upper(), path) for path, methods in schema["paths"].items() for m in methods}
    assert ops - set(API) - set(EXCLUDED_API) == set(), "declare these in operations.py"
    assert set(API) - ops == set(), "these declared API operations no longer exist"


@pytest.mark.parametrize("identity", IDENTITIES, ids=lambda i: i.key)
@pytest.mark.parametrize("op_key,op", ALL_OPS, ids=[str(k) for k, _ in ALL_OPS])
def test_the_app_answers_as_the_policy_says(db, world, identity, op_key, op):
    client = client_for(world, identity)
    wrong = []
    for obj in world.objects[op.kind]:
        call = call_for(op_key, op, obj, identity)
        want = expected(identity, op, obj)
        got = outcome(send(client, world, identity, op_key, call))
        if not agrees(identity, want, got):
            wrong.append(
                f"{call.method} {call.path} on {obj.kind} {obj.key}: want {want}, got {got}"
            )
    assert not wrong, f"{identity.key}:\n" + "\n".join(wrong)
