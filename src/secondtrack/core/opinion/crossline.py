"""Cross-line consensus: statements a majority agrees with inside every national or sector bloc.

Only blocs of at least ``min_size`` members present in the room are considered; smaller
blocs are never named, counted or output, so no breakdown points at a person. Within a
bloc, a share within one person of unanimity is coarsened ("all or all but one of 3"), so
"JP: 3 of 3" never tells everyone how each Japanese participant voted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import suppression
from .counts import count_votes
from .errors import OpinionInputError
from .matrix import VoteMatrix

Blocs = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Bloc:
    dimension: str
    name: str
    members: int


def check_blocs(blocs: object) -> None:
    if blocs is None:
        return
    if not isinstance(blocs, Mapping):
        raise OpinionInputError(
            "blocs must map a dimension (e.g. 'country') to {voter: bloc}; got "
            f"{type(blocs).__name__}."
        )
    for dimension, members in blocs.items():
        if not isinstance(members, Mapping):
            raise OpinionInputError(
                f"blocs[{dimension!r}] must map voter ids to bloc names; got "
                f"{type(members).__name__}."
            )
        for voter, bloc in members.items():
            if not isinstance(bloc, str) or not bloc:
                raise OpinionInputError(
                    f"blocs[{dimension!r}][{voter!r}] is {bloc!r}; expected a non-empty name."
                )


def visible_blocs(matrix: VoteMatrix, blocs: Blocs | None, min_size: int) -> list[Bloc]:
    """Blocs with at least ``min_size`` members among those who voted."""
    found: list[Bloc] = []
    for dimension, members in (blocs or {}).items():
        sizes: dict[str, int] = {}
        for voter, name in members.items():
            if str(voter) in matrix.voter_index:
                sizes[name] = sizes.get(name, 0) + 1
        found += [Bloc(dimension, name, n) for name, n in sorted(sizes.items()) if n >= min_size]
    return found


def cross_line_consensus(
    matrix: VoteMatrix, blocs: Blocs | None, min_size: int, min_reactions: int
) -> tuple[list[dict[str, Any]], list[Bloc]]:
    """Statements agreed by a strict majority of those who reacted in every visible bloc.

    Needs at least two visible blocs, and at least ``min_reactions`` reactions in each.
    """
    shown = visible_blocs(matrix, blocs, min_size)
    if len(shown) < 2 or blocs is None:
        return [], shown
    agree_rows, reacted_rows = [], []
    for dimension in dict.fromkeys(b.dimension for b in shown):
        names = [b.name for b in shown if b.dimension == dimension]
        labels = np.full(matrix.shape[0], -1)
        for voter, name in blocs[dimension].items():
            row = matrix.voter_index.get(str(voter))
            if row is not None and name in names:
                labels[row] = names.index(name)
        counts = count_votes(matrix, labels, len(names))
        agree_rows.append(counts.agree)
        reacted_rows.append(counts.reacted)
    agree, reacted = np.vstack(agree_rows), np.vstack(reacted_rows)
    ok = ((reacted >= min_reactions) & (2 * agree > reacted)).all(0)
    share = np.divide(agree, reacted, out=np.zeros_like(agree), where=reacted > 0).min(0)
    items = []
    for j in sorted(np.flatnonzero(ok), key=lambda j: -share[j]):
        per_bloc = []
        for i, b in enumerate(shown):
            seen = suppression.share(int(agree[i, j]), int(reacted[i, j]), min_size)
            per_bloc.append(
                {
                    "dimension": b.dimension,
                    "bloc": b.name,
                    "agree": seen.value,  # None where it would tell how each member voted
                    "agree_label": seen.label,
                    "reacted": int(reacted[i, j]),
                    "members": b.members,
                }
            )
        detail = "; ".join(f"{p['dimension']} {p['bloc']}: {p['agree_label']}" for p in per_bloc)
        items.append(
            {
                "statement": matrix.statements[j],
                "lowest_bloc_share": round(float(share[j]), 4),
                "blocs": per_bloc,
                "evidence": f"agreed by a majority in each of {len(shown)} blocs ({detail})",
            }
        )
    return items, shown
