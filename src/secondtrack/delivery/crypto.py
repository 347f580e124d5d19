"""Encryption of what delivery must keep: OAuth tokens and files waiting for retry.

The key is derived with HKDF-SHA256 from Django's SECRET_KEY, so every worker that shares
SECRET_KEY can read it and a copy of the database alone cannot. Keys in
SECRET_KEY_FALLBACKS still decrypt, so rotating SECRET_KEY does not disconnect anyone
until the fallback is dropped; after that readers simply reconnect.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"secondtrack.delivery"
_INFO = b"oauth tokens and pending files, v1"


class CannotUnseal(Exception):
    """The ciphertext was made with a key we no longer have, or was altered."""


def _fernet_for(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _fernet() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet_for(s) for s in secrets])


def seal(plain: bytes) -> bytes:
    return _fernet().encrypt(plain)


def unseal(sealed: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(sealed))
    except InvalidToken:
        raise CannotUnseal("This was encrypted with a key this server no longer has.") from None


def seal_text(plain: str) -> str:
    return seal(plain.encode()).decode("ascii") if plain else ""


def unseal_text(sealed: str) -> str:
    return unseal(sealed.encode("ascii")).decode() if sealed else ""
