"""Scanners cached on disk, keyed by the registry file's hash (issue 14).

Building a scanner for a 10,000-person registry takes seconds; loading the pickled one
takes a fraction of that. The key is the SHA-256 of the registry file's bytes, ``k`` and
the scanner's own source (so a new version of the checker never loads an old scanner).
A cache that cannot be read or written is ignored: the scanner is then built as usual.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from .registry import Registry
from .scanner import Scanner

_PACKAGE = Path(__file__).resolve().parent


def default_cache_dir() -> Path:
    """$SECONDTRACK_DATA_DIR/cache/scanners, else $XDG_CACHE_HOME (or ~/.cache)/secondtrack."""
    data = os.environ.get("SECONDTRACK_DATA_DIR")
    if data:
        return Path(data) / "cache" / "scanners"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "secondtrack" / "scanners"


def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(registry_bytes: bytes, k: int) -> str:
    digest = hashlib.sha256(registry_bytes)
    digest.update(f"|k={k}|{_code_version()}".encode())
    return digest.hexdigest()


def load_registry_bytes(registry_bytes: bytes) -> Registry:
    """Parse a registry file's bytes (UnicodeDecodeError, ValueError, RegistryError)."""
    return Registry.from_dict(json.loads(registry_bytes.decode("utf-8")))


def cached_scanner(
    registry_bytes: bytes, k: int = 3, cache_dir: Path | None = None
) -> tuple[Scanner, bool]:
    """(scanner, loaded from the cache?) for a registry file's bytes. On a miss the file is
    parsed (its errors propagate: RegistryError names the bad record), the scanner built
    and stored; on a hit the file is not parsed again (the same bytes parsed before)."""
    directory = cache_dir or default_cache_dir()
    path = directory / f"{cache_key(registry_bytes, k)}.pickle"
    scanner = _load(path)
    if scanner is not None:
        return scanner, True
    scanner = Scanner(load_registry_bytes(registry_bytes), k=k)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as out:
            pickle.dump(scanner, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except OSError:
        pass
    return scanner, False


def _load(path: Path) -> Scanner | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: the collector would double it
    try:
        scanner = pickle.loads(raw)  # noqa: S301 - our own cache directory
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    return scanner if isinstance(scanner, Scanner) else None
