"""Where session keys live: outside the main database, so its backups never hold them.

Embedded default: one file per key in `SECONDTRACK_KEY_DIR` (default `<data>/keys`), mode 600.
With `REDIS_URL`: Redis, shared by every server process. Destroying a key overwrites and
removes it; after that, seals made with it can never be opened.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings

from secondtrack.core.sealing import KEY_BYTES, new_key


class KeyStore(Protocol):
    def get_or_create(self, name: str) -> bytes: ...
    def get(self, name: str) -> bytes | None: ...
    def destroy(self, name: str) -> None: ...


class FileKeyStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.key"

    def get(self, name: str) -> bytes | None:
        try:
            key = self._path(name).read_bytes()
        except FileNotFoundError:
            return None
        return key if len(key) == KEY_BYTES else None

    def get_or_create(self, name: str) -> bytes:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(self._path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = self.get(name)
            if key is None:
                raise RuntimeError(f"key {name} is unreadable") from None
            return key
        key = new_key()
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        return key

    def destroy(self, name: str) -> None:
        path = self._path(name)
        try:
            with open(path, "r+b") as handle:
                handle.write(b"\0" * KEY_BYTES)
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()
        except FileNotFoundError:
            return


class RedisKeyStore:
    PREFIX = "secondtrack:key:"

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def get(self, name: str) -> bytes | None:
        return self.client.get(self.PREFIX + name)

    def get_or_create(self, name: str) -> bytes:
        self.client.set(self.PREFIX + name, new_key(), nx=True)
        return self.client.get(self.PREFIX + name)

    def destroy(self, name: str) -> None:
        self.client.delete(self.PREFIX + name)


@cache
def _store(backend: str, location: str) -> KeyStore:
    if backend == "redis":
        return RedisKeyStore(location)
    return FileKeyStore(Path(location))


def keystore() -> KeyStore:
    if settings.SECONDTRACK_KEYSTORE == "redis":
        return _store("redis", settings.REDIS_URL)
    return _store("file", str(settings.SECONDTRACK_KEY_DIR))


def session_key_name(session_id: int) -> str:
    return f"session-{session_id}"


def person_tag(key_name: str, person_id: int, create: bool = False) -> str | None:
    """A keyed hash of a person under a named key: lets the platform recognise someone's own
    rows while the key exists, and nobody at all once it is destroyed. None without a key."""
    store = keystore()
    key = store.get_or_create(key_name) if create else store.get(key_name)
    if key is None:
        return None
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()
