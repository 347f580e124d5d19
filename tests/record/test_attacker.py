"""The attacker of design §6: holds a full copy of the database at any moment, every log
line the server wrote, and tries to tell who said what in a closed session.

Two participants post alternately, edit, withdraw and reply; the convenor closes the
session. The test then searches dumps of every table, taken mid-session (a backup) and
after the close, and the captured logs, for anything that pairs either person with a
contribution, and fails on any find.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from secondtrack.dialogues.models import Session
from secondtrack.record.keystore import keystore, session_key_name
from secondtrack.record.models import Contribution
from tests.factories import PASSWORD
from tests.record.helpers import bearer, close, post

# Enough rows that a random order cannot correlate with posting order by chance (p < 1e-3).
ROUNDS = 40
TABLE = Contribution._meta.db_table


def dump() -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, as an attacker's copy of the database would hold it."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            out[table] = [tuple(_text(v) for v in row) for row in cursor.fetchall()]
    return out


def _text(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return str(value)


def cells(tables: dict, skip: tuple[str, ...] = ()) -> list[str]:
    return [c for t, rows in tables.items() if t not in skip for row in rows for c in row]


def spearman(a: list, b: list) -> float:
    rank = {x: i for i, x in enumerate(b)}
    n = len(a)
    d2 = sum((i - rank[x]) ** 2 for i, x in enumerate(a))
    return 1 - 6 * d2 / (n * (n * n - 1))


@pytest.fixture
def scene(client, world):
    """Logins and tokens happen before the session's activity, as in a real meeting."""
    session = world.alpha.sessions.get()
    tokens = {u.email: bearer(client, u) for u in (world.alice, world.carol, world.convenor)}
    return session, tokens


@pytest.mark.parametrize("rule", ["chatham_house", "non_attributable"])
def test_after_close_nothing_pairs_a_person_with_a_contribution(
    client, world, scene, rule, caplog, session_keys_in_tmp
):
    session, tokens = scene
    Session.objects.filter(id=session.id).update(rule=rule)
    caplog.set_level(logging.DEBUG)
    alice, carol = tokens[world.alice.email], tokens[world.carol.email]
    people = [world.alice, world.carol]
    assert client.login(username=world.carol.email, password=PASSWORD)
    before = dump()
    started = timezone.now()

    posted: list[tuple[str, str, str]] = []  # (id, author email, text), in posting order
    capabilities = {}
    for n in range(ROUNDS):
        author, auth = (world.alice, alice) if n % 2 == 0 else (world.carol, carol)
        text = f"Observation {n} by the {'first' if n % 2 == 0 else 'second'} voice"
        body = post(client, auth, session.id, text).json()
        posted.append((body["id"], author.email, text))
        capabilities[body["id"]] = body.get("capability")
    first, second = posted[0][0], posted[1][0]
    client.put(
        f"/api/sessions/{session.id}/contributions/{first}",
        {"text": "Observation 0, revised", "capability": capabilities[first]},
        content_type="application/json",
        **alice,
    )
    client.post(
        f"/api/sessions/{session.id}/contributions/{second}/withdraw",
        {"capability": capabilities[second]},
        content_type="application/json",
        **carol,
    )
    reply = post(client, alice, session.id, "A reply in the thread", reply_to=posted[2][0]).json()
    posted.append((reply["id"], world.alice.email, "A reply in the thread"))
    page = client.post(
        f"/sessions/{session.id}/contributions/",
        {"text": "Said from the page"},
        HTTP_ACCEPT="application/json",
    )
    posted.append((page.json()["id"], world.carol.email, "Said from the page"))

    key = keystore().get(session_key_name(session.id))
    backup = dump()  # a backup taken while the session is open
    finished = timezone.now()
    assert close(client, tokens[world.convenor.email], session.id).status_code == 200
    after = dump()

    ids = [p[0] for p in posted]
    id_forms = set(ids) | {i.replace("-", "") for i in ids}
    texts = [p[2] for p in posted]

    # 1. The key that unsealed authorship never entered the database and is gone now.
    assert keystore().get(session_key_name(session.id)) is None
    assert list(session_keys_in_tmp.glob("*")) == []
    if key is not None:
        for copy in (backup, after):
            assert not any(key.hex() in c for c in cells(copy))

    # 2. The contribution rows hold no speaker, seal, capability or time of posting.
    columns = [
        c.name for c in connection.introspection.get_table_description(connection.cursor(), TABLE)
    ]
    for row in after[TABLE]:
        stored = dict(zip(columns, row, strict=True))
        assert stored["speaker_id"] == "None"
        assert stored["seal"] == "None"
        assert stored["capability_hash"] == ""
        assert stored["posted"] == "None"
    for row in backup[TABLE]:
        stored = dict(zip(columns, row, strict=True))
        assert stored["speaker_id"] == "None" and stored["posted"] == "None"

    # 3. No other table mentions a contribution, in the backup or after the close, and
    #    nothing but the record and the session's status changed at all: no audit rows,
    #    no sequences moved, no dated trace of who was active.
    for copy in (backup, after):
        others = cells(copy, skip=(TABLE,))
        assert not any(i in c for i in id_forms for c in others)
        assert not any(t in c for t in texts for c in others)
    changed = {t for t in after if t != TABLE and sorted(after[t]) != sorted(before[t])}
    assert changed <= {Session._meta.db_table}

    # 4. No stored time falls inside the activity window (or that window plus a session
    #    cookie's age, where an expiry would land): nothing finer than the session.
    windows = [(started, finished)]
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    windows.append((started + age, finished + age))
    for value in cells(after) + cells(backup):
        moment = _as_time(value)
        if moment is not None:
            assert not any(lo <= moment <= hi for lo, hi in windows), value

    # 5. The order of rows in the table and the order of ids do not follow posting order.
    physical = [dict(zip(columns, r, strict=True))["id"].replace("-", "") for r in after[TABLE]]
    posting = [i.replace("-", "") for i in ids if i.replace("-", "") in physical]
    assert abs(spearman(physical, posting)) < 0.6
    assert abs(spearman(sorted(physical), posting)) < 0.6

    # 6. Logs carry no contribution text, no contribution id and no participant.
    logged = caplog.text
    assert not any(t in logged for t in texts)
    assert not any(i in logged for i in id_forms)
    for person in people:
        assert person.email not in logged and person.person.name not in logged


def _as_time(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
