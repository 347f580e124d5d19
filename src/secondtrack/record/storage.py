"""How a contribution's text is kept: in clear, or (off the record) under the session key."""

from __future__ import annotations

from secondtrack.core import policy, sealing
from secondtrack.dialogues.models import Session
from secondtrack.record.keystore import keystore, session_key_name
from secondtrack.record.models import Contribution


def session_key(session: Session) -> bytes:
    return keystore().get_or_create(session_key_name(session.id))


def existing_key(session: Session) -> bytes | None:
    return keystore().get(session_key_name(session.id))


def store_text(c: Contribution, session: Session, text: str) -> None:
    if policy.rule(session.rule).text_encrypted:
        c.sealed_text = sealing.encrypt_text(session_key(session), text, str(c.id))
        c.text = ""
    else:
        c.text = text


def read_text(c: Contribution, session: Session) -> str:
    if c.sealed_text:
        key = existing_key(session)
        return sealing.decrypt_text(key, c.sealed_text, str(c.id)) if key else ""
    return c.text
