"""What the policy expects for one identity, operation and object, and what the app says.

Expected answers come from core/policy.py only: an identity's roles on the object's meeting
(or series) are turned into ``Grants`` by ``policy.grants`` and asked
``refusal_status(need, known_by(kind, state))``: 404 where the policy says the caller may
not know the object exists, 403 where they know it but lack the permission.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from secondtrack.core.policy import NOBODY, Grants, Role, grants, known_by
from tests.access.operations import API, PAGES, Op
from tests.access.world import SERIES_OF, Identity, Obj, World

ALLOWED = "allowed"


def meeting_grants(identity: Identity, meeting: str) -> Grants:
    roles: set[Role] = set(identity.series_roles.get(SERIES_OF[meeting], ()))
    if meeting in identity.meeting_roles:
        roles.add(identity.meeting_roles[meeting])
    if identity.admin:
        roles.add(Role.ADMIN)
    return grants(roles)


def series_grants(identity: Identity, series: str) -> Grants:
    roles: set[Role] = set(identity.series_roles.get(series, ()))
    roles |= {r for m, r in identity.meeting_roles.items() if SERIES_OF[m] == series}
    if identity.admin:
        roles.add(Role.ADMIN)
    return grants(roles)


def grants_on(identity: Identity, obj: Obj) -> Grants:
    if identity.anonymous:
        return NOBODY
    if obj.kind == "person":
        return grants({r for m in obj.people_in for r in meeting_grants(identity, m).roles})
    if obj.meeting is not None:
        return meeting_grants(identity, obj.meeting)
    return series_grants(identity, obj.series)


def expected(identity: Identity, op: Op, obj: Obj) -> int | str:
    """ALLOWED, 403 or 404, as the policy says."""
    if op.kind == "none":
        return 404 if identity.anonymous else ALLOWED
    if op.kind == "new_series":  # access.standing.may_create_series
        if identity.anonymous:
            return 404
        convenes = any(Role.CONVENOR in roles for roles in identity.series_roles.values())
        return ALLOWED if convenes or identity.admin else 403
    if op.kind == "delivery":
        return ALLOWED if obj.owner == identity.key else 404
    if op.published_only and obj.kind == "report" and obj.status != "published":
        return 404  # no published version to export: the report's state, not the policy
    g = grants_on(identity, obj)
    status = g.refusal_status(op.need, known_by(op.known_as or obj.kind, obj.status))
    if status is None and op.authors_only and obj.owner != identity.key:
        return 403  # they know the contribution, but it is not theirs to change
    return ALLOWED if status is None else status


def outcome(response) -> int | str:
    code = response.status_code
    if code in (401, 403, 404):
        return code
    if code in (302, 303) and response.get("Location", "").startswith("/login/"):
        return "login"
    if code >= 500 or code == 405:
        return f"error {code}"
    return ALLOWED


def agrees(identity: Identity, want: int | str, got: int | str) -> bool:
    if identity.anonymous and want == 404:
        return got in (404, 401, "login")  # the anonymous are sent to sign in, or told nothing
    return want == got


def page_path(name: str, ids: dict) -> str:
    pattern = _page_patterns()[name]
    return reverse(name, kwargs={k: ids[k] for k in pattern.converters})


_PATTERNS: dict = {}


def _page_patterns() -> dict:
    if not _PATTERNS:
        _PATTERNS.update(dict(page_url_patterns()))
    return _PATTERNS


def page_url_patterns(resolver=None, namespace: str = "", prefix: str = ""):
    """(name, RoutePattern) of every URL pattern, with its namespace."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if hasattr(p, "url_patterns"):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from page_url_patterns(p, ns, prefix + str(p.pattern))
        elif p.name:
            p.pattern.full = prefix + str(p.pattern)
            yield namespace + p.name, p.pattern


@dataclass
class Call:
    label: str
    method: str
    path: str
    data: dict | None


def call_for(op_key, op: Op, obj: Obj, identity: Identity) -> Call:
    ids = dict(obj.ids, is_owner=obj.owner == identity.key)
    data = op.body(ids) if op.body else None
    if op_key in PAGES:
        return Call(op_key, op.method, page_path(op_key, ids), data)
    path = op_key[1].format(**ids) + op.query
    return Call(f"{op_key[0]} {op_key[1]}", op.method, path, data)


def send(client: Client, world: World, identity: Identity, op_key, call: Call):
    """One request, rolled back afterwards so the next one meets the same world."""
    is_api = op_key not in PAGES
    headers = {}
    if is_api and not identity.anonymous:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[identity.key]}"
    with transaction.atomic():
        if call.method == "GET":
            response = client.get(call.path, **headers)
        elif is_api:
            response = client.generic(
                call.method,
                call.path,
                data=json.dumps(call.data or {}),
                content_type="application/json",
                **headers,
            )
        else:
            response = client.post(call.path, data=call.data or {}, **headers)
        transaction.set_rollback(True)
    return response


def client_for(world: World, identity: Identity) -> Client:
    client = Client(raise_request_exception=False)
    if not identity.anonymous:
        client.force_login(world.users[identity.key])
    return client


ALL_OPS = [*PAGES.items(), *API.items()]
