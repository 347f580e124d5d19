"""Delegation templates per country (design §5, after NEACD's "one from the foreign
ministry, one from defence, one uniformed officer, two experts"): which seat each person
fills, and the gaps and surpluses against a convenor's targets.

A person fills one seat, the first that fits in CATEGORIES' order, from their affiliations
active on the meeting's first day (or their sector when none is active). Ministries say
which seat by their portfolio; a ministry with none recorded counts as "other official".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Seat = Literal[
    "uniformed", "defence", "foreign", "official", "expert", "media", "industry", "other"
]

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("uniformed", "uniformed officer"),
    ("defence", "defence official"),
    ("foreign", "foreign-ministry official"),
    ("official", "other official"),
    ("expert", "expert"),
    ("media", "journalist"),
    ("industry", "industry"),
    ("other", "other"),
)
LABELS = dict(CATEGORIES)
assert tuple(LABELS) == get_args(Seat)
_ORDER = [key for key, _ in CATEGORIES]

_GOVERNMENT_KINDS = {"ministry", "legislature"}
_EXPERT_KINDS = {"university", "think_tank", "ngo", "international_organisation"}


@dataclass(frozen=True)
class Post:
    """One active affiliation, as far as seats go."""

    kind: str  # organisation kind
    portfolio: str  # foreign_affairs, defence, other or ""
    mandate: str  # government_body etc.


def seat_of(posts: Iterable[Post], sector: str = "") -> str:
    found = {_seat(p) for p in posts} or ({_seat(Post(sector, "", ""))} if sector else set())
    found.discard("other")
    return min(found, key=_ORDER.index) if found else "other"


def _seat(post: Post) -> str:
    if post.kind == "armed_forces":
        return "uniformed"
    if post.kind in _GOVERNMENT_KINDS or post.mandate == "government_body":
        return {"defence": "defence", "foreign_affairs": "foreign"}.get(post.portfolio, "official")
    if post.kind in _EXPERT_KINDS:
        return "expert"
    if post.kind in ("media", "industry"):
        return post.kind
    return "other"


@dataclass(frozen=True)
class Target:
    country: str  # "" for every country in the room
    category: str
    count: int


@dataclass(frozen=True)
class Line:
    category: str
    label: str
    target: int | None  # None: no target for this seat
    have: int

    @property
    def gap(self) -> int:
        return max(0, (self.target or 0) - self.have)

    @property
    def surplus(self) -> int:
        return max(0, self.have - self.target) if self.target is not None else 0

    @property
    def status(self) -> str:
        if self.target is None:
            return "no target"
        if self.gap:
            return f"{self.gap} short"
        if self.surplus:
            return f"{self.surplus} over"
        return "met"


@dataclass(frozen=True)
class Delegation:
    country: str
    lines: list[Line]

    @property
    def gaps(self) -> int:
        return sum(line.gap for line in self.lines)

    @property
    def surplus(self) -> int:
        return sum(line.surplus for line in self.lines)


def delegations(seats: Iterable[tuple[str, str]], targets: Iterable[Target]) -> list[Delegation]:
    """Per country (those in the room and those with a target of their own), each seat's
    target and how many fill it. `seats` holds (country, category) per person; a country
    target replaces the every-country target for that seat."""
    have = Counter(seats)
    targets = list(targets)
    general = {t.category: t.count for t in targets if not t.country}
    countries = sorted({c for c, _ in have} | {t.country for t in targets if t.country})
    out = []
    for country in countries:
        own = {t.category: t.count for t in targets if t.country == country}
        wanted = {**general, **own}
        lines = [
            Line(key, LABELS[key], wanted.get(key), have[(country, key)])
            for key in _ORDER
            if key in wanted or have[(country, key)]
        ]
        out.append(Delegation(country or "unknown", lines))
    return out
