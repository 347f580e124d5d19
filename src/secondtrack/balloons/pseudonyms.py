"""Per-balloon pseudonyms: a keyed hash of the person, the key kept outside the database."""

from __future__ import annotations

from secondtrack.balloons.models import Balloon
from secondtrack.record.keystore import keystore, person_tag


def key_name(balloon: Balloon) -> str:
    return f"balloon-{balloon.id}"


def pseudonym_tag(balloon: Balloon, person_id: int, create_key: bool = False) -> str | None:
    """The tag of a person's pseudonym on this balloon, or None once the key is destroyed."""
    return person_tag(key_name(balloon), person_id, create_key)


def destroy_key(balloon: Balloon) -> None:
    keystore().destroy(key_name(balloon))
