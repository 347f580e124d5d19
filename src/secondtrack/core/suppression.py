"""Counts that cannot single anyone out: small cells suppressed, unanimity coarsened.

Three rules, applied to every count of people the product shows (composition, blocs):

1. *Small cells*: a count from 1 to k-1 is never shown; it reads "fewer than k".
2. *Complementary cells*: if a table shows its total and exactly one cell of a dimension
   is suppressed, the total minus the others would give it back, so the next smallest cell
   of that dimension is suppressed too.
3. *Near-unanimity*: "3 of 3 agreed" tells each of the three how the others voted. A share
   within one person of all (or of none) is shown as "all or all but one" ("none or one"),
   so no member of the group can be known to have voted one way.

A group smaller than k is not described at all. Zero stays zero: it describes nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Shown:
    """A count as it may be displayed: ``value`` is None when it is suppressed."""

    value: int | None
    label: str

    @property
    def suppressed(self) -> bool:
        return self.value is None


def fewer_than(k: int) -> Shown:
    return Shown(None, f"fewer than {k}")


def count(n: int, k: int) -> Shown:
    """Rule 1 for a single count."""
    if 0 < n < k:
        return fewer_than(k)
    return Shown(n, str(n))


def dimension(cells: Sequence[tuple[str, int]], k: int) -> list[tuple[str, Shown]]:
    """Rules 1 and 2 for the cells of one dimension of a table whose total is shown."""
    shown = [(name, count(n, k)) for name, n in cells]
    hidden = [i for i, (_, s) in enumerate(shown) if s.suppressed]
    if len(hidden) == 1:
        others = [(n, i) for i, (_, n) in enumerate(cells) if i != hidden[0] and n > 0]
        if others:
            _, i = min(others)
            shown[i] = (cells[i][0], Shown(None, "not shown"))
    return shown


def share(agreed: int, of: int, k: int) -> Shown:
    """Rule 3: how many of a group of ``of`` did something, without revealing anyone."""
    if of < k:
        return fewer_than(k)
    if agreed >= of - 1:
        return Shown(None, f"all or all but one of {of}")
    if agreed <= 1:
        return Shown(None, f"none or one of {of}")
    return Shown(agreed, f"{agreed} of {of}")
