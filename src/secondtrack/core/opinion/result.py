"""What a computation found (OpinionResult) and what it did (Work)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

V = TypeVar("V")


class LazyMap(Mapping[str, V]):
    """A read-only {voter: value} mapping built on first use.

    Large rooms return their per-participant groups and positions this way, so that an
    update of a 100,000-person room does not spend its time building dicts nobody reads.
    """

    def __init__(self, build: Callable[[], dict[str, V]]) -> None:
        self._build: Callable[[], dict[str, V]] | None = build
        self._data: dict[str, V] = {}

    def _dict(self) -> dict[str, V]:
        if self._build is not None:
            self._data, self._build = self._build(), None
        return self._data

    def __getitem__(self, key: str) -> V:
        return self._dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def __repr__(self) -> str:
        return f"LazyMap({self._dict()!r})"


@dataclass
class Work:
    """What a computation did, counted (not timed) so tests can compare full and incremental."""

    full_rebuild: bool = False
    covote_cells: int = 0
    pca_iterations: int = 0
    base_kmeans_iterations: int = 0
    group_kmeans_iterations: int = 0

    def total_iterations(self) -> int:
        return self.pca_iterations + self.base_kmeans_iterations + self.group_kmeans_iterations


@dataclass
class OpinionResult:
    """Groups, consensus, representative and cross-line statements, each with its evidence."""

    groups: Mapping[str, int]
    consensus: list[dict[str, Any]]
    repness: dict[str, list[dict[str, Any]]]
    cross_line: list[dict[str, Any]]
    coords: Mapping[str, tuple[float, float]]
    evidence: dict[str, Any]
    work: Work = field(default_factory=Work)
    # bootstrap stability (see stable.py); None when not computed
    stability: dict[str, Any] | None = None

    @property
    def n_groups(self) -> int:
        return len(set(self.groups.values()))

    def to_dict(self, all_items: bool = False) -> dict[str, Any]:
        """Everything found; consensus and cross-line cut to the top ``TOP`` per direction
        unless ``all_items`` (their full counts are in ``evidence``)."""
        return {
            "groups": dict(self.groups),
            "consensus": self.consensus if all_items else top_per_direction(self.consensus),
            "repness": self.repness,
            "cross_line": self.cross_line if all_items else top_per_direction(self.cross_line),
            "coords": {voter: [x, y] for voter, (x, y) in self.coords.items()},
            "stability": self.stability,
            "evidence": {
                **self.evidence,
                "n_consensus": len(self.consensus),
                "n_cross_line": len(self.cross_line),
            },
        }


TOP = 5


def top_per_direction(items: list[dict[str, Any]], top: int = TOP) -> list[dict[str, Any]]:
    """The first ``top`` items of each direction (agree, disagree), keeping their order."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        direction = item.get("direction", "agree")
        if seen.get(direction, 0) < top:
            seen[direction] = seen.get(direction, 0) + 1
            out.append(item)
    return out
