"""Scanners cached on disk by the registry file's hash (issue 14, item 6)."""

import json

import pytest

from secondtrack.core.deattribution import RegistryError, Scanner
from secondtrack.core.deattribution import cache as scanner_cache

REGISTRY = {
    "organisations": [{"id": "o1", "name": "Institute of Maritime Affairs", "acronym": "IMA"}],
    "people": [
        {
            "id": "p1",
            "name": "Hiroshi Tanaka",
            "other_names": ["田中博"],
            "countries": ["JP"],
            "affiliations": [{"organisation": "o1", "role": "Senior Fellow"}],
        }
    ],
}
TEXT = "Hiroshi Tanaka of IMA said so; 田中博教授 agreed."


def raw(data=REGISTRY):
    return json.dumps(data).encode()


def test_a_cached_scanner_finds_what_a_fresh_one_finds(tmp_path):
    fresh, hit = scanner_cache.cached_scanner(raw(), 3, tmp_path)
    assert not hit and len(list(tmp_path.glob("*.pickle"))) == 1
    loaded, hit = scanner_cache.cached_scanner(raw(), 3, tmp_path)
    assert hit
    assert [f.to_dict() for f in loaded.scan(TEXT)] == [f.to_dict() for f in fresh.scan(TEXT)]
    assert loaded.scan(TEXT, author="p1") == fresh.scan(TEXT, author="p1")


def test_a_hit_does_not_build_and_a_changed_file_does(tmp_path, monkeypatch):
    scanner_cache.cached_scanner(raw(), 3, tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("built although cached")

    monkeypatch.setattr(Scanner, "__init__", refuse)
    assert scanner_cache.cached_scanner(raw(), 3, tmp_path)[1]
    changed = dict(REGISTRY, people=[dict(REGISTRY["people"][0], name="Hiroshi Tanaka-Mori")])
    with pytest.raises(AssertionError, match="built although cached"):
        scanner_cache.cached_scanner(raw(changed), 3, tmp_path)
    with pytest.raises(AssertionError, match="built although cached"):
        scanner_cache.cached_scanner(raw(), 4, tmp_path)  # another k is another scanner


def test_a_corrupt_cache_file_is_rebuilt_and_a_bad_registry_still_refused(tmp_path):
    scanner_cache.cached_scanner(raw(), 3, tmp_path)
    [path] = tmp_path.glob("*.pickle")
    path.write_bytes(b"not a pickle")
    scanner, hit = scanner_cache.cached_scanner(raw(), 3, tmp_path)
    assert not hit and isinstance(scanner, Scanner)
    with pytest.raises(RegistryError, match="people"):
        scanner_cache.cached_scanner(b'{"organisations": []}', 3, tmp_path)


def test_the_cache_lives_under_the_data_folder_or_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("SECONDTRACK_DATA_DIR", str(tmp_path / "data"))
    assert scanner_cache.default_cache_dir() == tmp_path / "data" / "cache" / "scanners"
    monkeypatch.delenv("SECONDTRACK_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert scanner_cache.default_cache_dir() == tmp_path / "xdg" / "secondtrack" / "scanners"
