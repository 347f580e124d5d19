"""Stable ids for the demo: reloading it keeps the links people bookmarked.

The series, its meetings and their sessions get back the integer ids they had before the
reload (matched by title); every object with a UUID key is given ids from a generator
seeded once, so the same load in the same order writes the same UUIDs every time.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from collections.abc import Iterator

from django.apps import apps
from django.db import models

SEED = 20250311


def _uuid_keys() -> list[models.UUIDField]:
    return [
        m._meta.pk
        for m in apps.get_models()
        if isinstance(m._meta.pk, models.UUIDField) and m._meta.pk.default is uuid.uuid4
    ]


@contextlib.contextmanager
def seeded_uuids(seed: int = SEED) -> Iterator[None]:
    """Within the block, new rows of every UUID-keyed model take ids from one seeded
    generator (only in this process; restored on the way out)."""
    rng = random.Random(seed)  # noqa: S311 - ids of fictional demo rows, not secrets

    def next_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    fields = _uuid_keys()
    for field in fields:
        field.default = next_id
        field.__dict__.pop("_get_default", None)  # Django caches the default's callable
    try:
        yield
    finally:
        for field in fields:
            field.default = uuid.uuid4
            field.__dict__.pop("_get_default", None)


def previous_ids(series) -> dict[str, object]:
    """The ids of a demo series about to be replaced, by title, to be given back."""
    if series is None:
        return {"series": None, "meetings": {}, "sessions": {}}
    meetings = dict(series.meetings.values_list("title", "id"))
    sessions = {
        (m, t): i
        for m, t, i in series.meetings.values_list("title", "sessions__title", "sessions__id")
        if i is not None
    }
    return {"series": series.id, "meetings": meetings, "sessions": sessions}
