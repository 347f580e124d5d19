"""Consensus statements: group-informed consensus with the counts behind every claim."""

from __future__ import annotations

from typing import Any

import numpy as np

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
            items.append((gics[j], _item(statements[j], verb, gics[j], room, j, split)))
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items]


def _item(
    statement: str,
    verb: str,
    gic: float,
    room: list[list[float]],
    j: int,
    split: list[list[list[float]]] | None,
) -> dict[str, Any]:
    agree, disagree, reacted = int(room[0][j]), int(room[1][j]), int(room[2][j])
    succ = agree if verb == "agree" else disagree
    evidence = f"{verb}d by {succ} of {people(reacted)} who reacted"
    item: dict[str, Any] = {
        "statement": statement,
        "direction": verb,
        "group_informed_consensus": round(gic, 4),
        "n_agree": agree,
        "n_disagree": disagree,
        "n_pass": reacted - agree - disagree,
        "n_reacted": reacted,
    }
    if split is not None:
        succ_g, reacted_g = split[0][j], split[1][j]
        item["groups"] = {
            str(g): {verb: int(succ_g[g]), "reacted": int(reacted_g[g])} for g in range(len(succ_g))
        }
        evidence += f", a majority in each of the {len(succ_g)} groups"
    item["evidence"] = evidence
    return item
