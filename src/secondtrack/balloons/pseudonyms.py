"""Per-balloon pseudonyms: a keyed hash of the person, the key kept outside the database."""

from __future__ import annotations

import hashlib
import hmac

from secondtrack.balloons.models import Balloon
from secondtrack.record.keystore import keystore


def key_name(balloon: Balloon) -> str:
    return f"balloon-{balloon.id}"


def pseudonym_tag(balloon: Balloon, person_id: int, create_key: bool = False) -> str | None:
    """The tag of a person's pseudonym on this balloon, or None once the key is destroyed."""
    store = keystore()
    key = store.get_or_create(key_name(balloon)) if create_key else store.get(key_name(balloon))
    if key is None:
        return None
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()


def destroy_key(balloon: Balloon) -> None:
    keystore().destroy(key_name(balloon))
