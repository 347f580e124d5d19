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
    items: list[tuple[float, dict[str, Any]]] = []
    for verb, gic, succ_all, succ_g in (
        ("agree", gic_agree, everyone.agree[0], per_group.agree),
        ("disagree", gic_disagree, everyone.disagree[0], per_group.disagree),
    ):
        share_g = (succ_g + 1.0) / (per_group.reacted + 2.0)
        ok = (n >= min_reactions) & (z_one_proportion(succ_all, n) > Z90) & (share_g > 0.5).all(0)
        for j in np.flatnonzero(ok):
            items.append((float(gic[j]), _item(statements[j], verb, gic[j], everyone, j, groups)))
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items]


def _item(
    statement: str, verb: str, gic: float, everyone: VoteCounts, j: int, groups: VoteCounts | None
) -> dict[str, Any]:
    agree, disagree = int(everyone.agree[0, j]), int(everyone.disagree[0, j])
    reacted = int(everyone.reacted[0, j])
    succ = agree if verb == "agree" else disagree
    evidence = f"{verb}d by {succ} of {people(reacted)} who reacted"
    item: dict[str, Any] = {
        "statement": statement,
        "direction": verb,
        "group_informed_consensus": round(float(gic), 4),
        "n_agree": agree,
        "n_disagree": disagree,
        "n_pass": reacted - agree - disagree,
        "n_reacted": reacted,
    }
    if groups is not None:
        succ_g = groups.agree if verb == "agree" else groups.disagree
        item["groups"] = {
            str(g): {verb: int(succ_g[g, j]), "reacted": int(groups.reacted[g, j])}
            for g in range(groups.agree.shape[0])
        }
        evidence += f", a majority in each of the {groups.agree.shape[0]} groups"
    item["evidence"] = evidence
    return item
