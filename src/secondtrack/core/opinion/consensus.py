"""Consensus statements: group-informed consensus with the counts behind every claim."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import suppression
from .counts import VoteCounts, people, z_one_proportion
from .repness import Z90


def group_informed_consensus(counts: VoteCounts) -> tuple[np.ndarray, np.ndarray]:
    """Per statement: product over groups of (agree+1)/(reacted+2), and the same for disagree."""
    agree = ((counts.agree + 1.0) / (counts.reacted + 2.0)).prod(0)
    disagree = ((counts.disagree + 1.0) / (counts.reacted + 2.0)).prod(0)
    return agree, disagree


def consensus_statements(
    groups: VoteCounts | None, everyone: VoteCounts, statements: list[str], min_reactions: int
) -> list[dict[str, Any]]:
    """Statements a majority of every group agrees (or disagrees) on, strongest first.

    ``groups`` is None when the room has no groups: then the whole room is one group.
    A claim needs at least ``min_reactions`` reactions overall, a z-test at 90% against
    one half overall, and more than half (with pseudocounts) in every group.
    """
    per_group = groups if groups is not None else everyone
    gic_agree, gic_disagree = group_informed_consensus(per_group)
    n = everyone.reacted[0]
    room = [x[0].tolist() for x in (everyone.agree, everyone.disagree, everyone.reacted)]
    reacted_g = None if groups is None else groups.reacted.T.tolist()
    items: list[tuple[float, dict[str, Any]]] = []
    for verb, gic, succ_all, succ_g in (
        ("agree", gic_agree, everyone.agree[0], per_group.agree),
        ("disagree", gic_disagree, everyone.disagree[0], per_group.disagree),
    ):
        share_g = (succ_g + 1.0) / (per_group.reacted + 2.0)
        ok = (n >= min_reactions) & (z_one_proportion(succ_all, n) > Z90) & (share_g > 0.5).all(0)
        split = None if reacted_g is None else [succ_g.T.tolist(), reacted_g]
        gics = gic.tolist()
        for j in np.flatnonzero(ok).tolist():
            item = _item(statements[j], verb, gics[j], room, j, split, min_reactions)
            items.append((gics[j], item))
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items]


def _item(
    statement: str,
    verb: str,
    gic: float,
    room: list[list[float]],
    j: int,
    split: list[list[list[float]]] | None,
    k: int,
) -> dict[str, Any]:
    """One consensus item. Near-unanimity is coarsened (``suppression.share``): "13 of 13"
    would tell everyone in the room how each person voted, so the exact counts are then
    withheld and the evidence reads "all or all but one of 13"."""
    agree, disagree, reacted = int(room[0][j]), int(room[1][j]), int(room[2][j])
    succ = agree if verb == "agree" else disagree
    seen = suppression.share(succ, reacted, k)
    evidence = (
        f"{verb}d by {seen.label.removesuffix(f' of {reacted}')} of {people(reacted)} who reacted"
    )
    exact = not seen.suppressed
    item: dict[str, Any] = {
        "statement": statement,
        "direction": verb,
        "group_informed_consensus": round(gic, 4),
        "n_agree": agree if exact else None,
        "n_disagree": disagree if exact else None,
        "n_pass": reacted - agree - disagree if exact else None,
        "n_reacted": reacted,
        "share_label": seen.label,
    }
    if split is not None:
        succ_g, reacted_g = split[0][j], split[1][j]
        item["groups"] = {}
        for g in range(len(succ_g)):
            cell = suppression.share(int(succ_g[g]), int(reacted_g[g]), k)
            item["groups"][str(g)] = {
                verb: cell.value,
                f"{verb}_label": cell.label,
                "reacted": int(reacted_g[g]),
            }
        evidence += f", a majority in each of the {len(succ_g)} groups"
    item["evidence"] = evidence
    return item
