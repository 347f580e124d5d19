"""Shuffled batch release (design §3): in a small non-attributed room, a new contribution
reaches the others only in a batch, in shuffled order, never the instant it is posted.

A batch goes out when at least ``SECONDTRACK_BATCH_SIZE`` contributions wait AND at
least ``SECONDTRACK_BATCH_SECONDS`` have passed since the previous batch, whichever comes
later. The rule spec decides where this applies (``RuleSpec.batches_release``, asked with
the number of members who may speak).

No background worker: every post, every read of the record and a periodic tick from each
connected live page call ``release_due``. Which contributions wait is a flag in the
database; the release runs under a lock on the session row, so two server processes never
release the same batch twice. The time of the last batch is never stored in the database
(that would be a fine time of non-attributed content in every backup): it lives only as a
cache key that expires after ``SECONDTRACK_BATCH_SECONDS`` — Redis when several processes
share the work, process memory in the embedded default.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from secondtrack.access.standing import roles_with
from secondtrack.core import policy
from secondtrack.core.policy import MEETING_ROLES, Can
from secondtrack.dialogues.models import Participation, Session
from secondtrack.record import live
from secondtrack.record.models import Contribution


def speakers(session: Session) -> int:
    """Members of the session's meeting whose role may speak, as the policy says."""
    return Participation.objects.filter(
        meeting_id=session.meeting_id,
        status__in=Participation.MEMBER_STATUSES,
        role__in=roles_with(Can.SPEAK, MEETING_ROLES),
    ).count()


def batched(session: Session) -> bool:
    """Whether new contributions to this session wait for a shuffled batch."""
    spec = policy.rule(session.rule)
    if spec.batch_release_below == 0 or session.status != Session.Status.OPEN:
        return False
    return spec.batches_release(speakers(session))


def _clock_key(session_id: int) -> str:
    return f"secondtrack:batch-clock:{session_id}"


def _clock_running(session_id: int) -> bool:
    """True until SECONDTRACK_BATCH_SECONDS have passed since the last batch went out."""
    return cache.get(_clock_key(session_id)) is not None


def _start_clock(session_id: int) -> None:
    """Set under the session lock, before commit, so no other process sees a gap."""
    seconds = settings.SECONDTRACK_BATCH_SECONDS
    if seconds > 0:
        cache.set(_clock_key(session_id), 1, timeout=seconds)


def release_due(session: Session) -> list[Contribution]:
    """Release the waiting batch if it is due; the contributions released, in their order."""
    if policy.rule(session.rule).batch_release_below == 0:
        return []
    if not _due(session, list(Contribution.objects.filter(session=session, released=False))):
        return []  # checked without the lock first, so that idle ticks never take it
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(id=session.id)
        if locked.status != Session.Status.OPEN:
            return []
        waiting = list(Contribution.objects.filter(session=locked, released=False))
        if not _due(locked, waiting):
            return []
        return _release(locked, waiting)


def release_due_by_id(session_id: int) -> int:
    """For the live consumers' tick: how many contributions went out."""
    session = Session.objects.filter(id=session_id).first()
    return len(release_due(session)) if session is not None else 0


def release_all(locked: Session) -> list[Contribution]:
    """Everything still waiting, at once: the session closes. Call under the session lock."""
    waiting = list(Contribution.objects.filter(session=locked, released=False))
    return _release(locked, waiting) if waiting else []


def _due(session: Session, waiting: list[Contribution]) -> bool:
    if not batched(session):
        return bool(waiting)  # the room grew past the rule's threshold: nothing need wait
    live_ones = sum(1 for c in waiting if not c.withdrawn)
    if live_ones < settings.SECONDTRACK_BATCH_SIZE:
        return False
    return not _clock_running(session.id)


def _release(session: Session, waiting: list[Contribution]) -> list[Contribution]:
    Contribution.objects.filter(id__in=[c.id for c in waiting]).update(released=True)
    batch = shuffled(waiting)
    for c in batch:
        c.released = True
        live.announce(session, "posted", c)  # sent once the transaction commits
    _start_clock(session.id)
    return batch


def shuffled(batch: list[Contribution]) -> list[Contribution]:
    """A uniformly random order, except that a reply follows its parent in the same batch
    (so that each page can nest it); depth within the batch is all that order keeps."""
    rows = list(batch)
    random.SystemRandom().shuffle(rows)
    ids = {c.id for c in rows}
    parent = {c.id: c.reply_to_id for c in rows}

    def depth(c: Contribution) -> int:
        d, up = 0, c.reply_to_id
        while up in ids:
            d, up = d + 1, parent[up]
        return d

    return sorted(rows, key=depth)  # sorted() is stable: the shuffle stands within a depth
