"""Sealed authorship: the link from a contribution to its author, encrypted under a key
that lives outside the database and is destroyed when the session closes.

A seal is AES-256-GCM over the author's id, with the contribution's id as associated
data, so a seal cannot be moved to another contribution. Without the key, a seal is
indistinguishable from random bytes; once the key is destroyed, nobody can open it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12


class SealError(ValueError):
    """A seal could not be opened with this key."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def seal(key: bytes, author: str, contribution: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, author.encode(), contribution.encode())


def unseal(key: bytes, sealed: bytes, contribution: str) -> str:
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, body, contribution.encode()).decode()
    except InvalidTag:
        raise SealError("the seal does not open with this key") from None


def is_sealed_by(key: bytes, sealed: bytes | None, contribution: str, author: str) -> bool:
    if not sealed:
        return False
    try:
        return hmac.compare_digest(unseal(key, bytes(sealed), contribution), author)
    except SealError:
        return False


def encrypt_text(key: bytes, text: str, contribution: str) -> bytes:
    """Off-the-record text is kept encrypted under the session key while the session is open."""
    return seal(key, text, contribution)


def decrypt_text(key: bytes, sealed: bytes, contribution: str) -> str:
    return unseal(key, bytes(sealed), contribution)


def new_capability() -> str:
    """A secret only the author's browser holds: the server keeps only its hash."""
    return secrets.token_urlsafe(32)


def capability_hash(capability: str) -> str:
    return hashlib.sha256(capability.encode()).hexdigest()


def capability_matches(stored_hash: str | None, capability: str | None) -> bool:
    if not stored_hash or not capability:
        return False
    return hmac.compare_digest(stored_hash, capability_hash(capability))
