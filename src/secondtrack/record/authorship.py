"""Which contributions are the caller's own, where the rule lets the server know it.

Kept apart from services.py so that selectors can show an author their own contributions
still waiting for their batch, without a circular import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secondtrack.core import sealing
from secondtrack.core.policy import Authorship
from secondtrack.dialogues.models import Session
from secondtrack.record.models import Contribution
from secondtrack.record.storage import existing_key

if TYPE_CHECKING:
    from secondtrack.record.selectors import SessionAccess


def author_id(access: SessionAccess) -> str:
    """What a Chatham House or off-the-record seal binds: the author's person id."""
    return str(access.person_id)


def is_mine(access: SessionAccess, c: Contribution, capability: str | None = None) -> bool:
    authorship = access.rule.authorship
    if access.person_id is None:
        return False
    if authorship == Authorship.NAMED:
        return c.speaker_id == access.person_id
    if authorship == Authorship.CAPABILITY:
        return sealing.capability_matches(c.capability_hash, capability)
    key = existing_key(access.session)
    return key is not None and sealing.is_sealed_by(key, c.seal, str(c.id), author_id(access))


def mine(access: SessionAccess, rows: list[Contribution]) -> set[str]:
    """Ids of the caller's own contributions, where the rule lets the server know them."""
    if access.session.status != Session.Status.OPEN:
        return set()
    return {str(c.id) for c in rows if not c.withdrawn and is_mine(access, c)}
