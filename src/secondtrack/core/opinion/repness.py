"""Representative statements per group (Polis repness, with evidence counts)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import suppression
from .counts import VoteCounts, z_one_proportion, z_two_proportions

Z90 = 1.2816
PICK_MAX = 5


def _direction(
    counts: VoteCounts, g: int, succ: np.ndarray, rest_succ: np.ndarray
) -> dict[str, np.ndarray]:
    n = counts.reacted[g]
    rest_n = counts.reacted.sum(0) - n
    p = (succ + 1.0) / (n + 2.0)
    rest_p = (rest_succ + 1.0) / (rest_n + 2.0)
    z = z_one_proportion(succ, n)
    z_rest = z_two_proportions(succ, n, rest_succ, rest_n)
    ratio = p / rest_p
    return {
        "p": p,
        "z": z,
        "ratio": ratio,
        "z_rest": z_rest,
        "n": n,
        "succ": succ,
        "rest_n": rest_n,
        "rest_succ": rest_succ,
        "metric": ratio * z_rest * p * z,
        "ok": (p > 0.5) & (z > Z90) & (z_rest > Z90),
    }


def _item(
    statement: str, group: int, verb: str, d: dict[str, np.ndarray], j: int, k: int = 3
) -> dict[str, Any]:
    """One representative statement; shares within one person of all or none read "all
    or all but one of 8" (``suppression.share``), the exact counts then withheld."""
    succ, n, rs, rn = (int(d[key][j]) for key in ("succ", "n", "rest_succ", "rest_n"))
    mine, rest = suppression.share(succ, n, k), suppression.share(rs, rn, k)
    return {
        "statement": statement,
        "direction": verb,
        "n_" + verb: mine.value,
        "n_reacted": n,
        "rest_" + verb: rest.value,
        "rest_reacted": rn,
        "share_label": mine.label,
        "rest_label": rest.label,
        "probability": round(float(d["p"][j]), 4),
        "ratio": round(float(d["ratio"][j]), 4),
        "z": round(float(d["z"][j]), 3),
        "z_vs_rest": round(float(d["z_rest"][j]), 3),
        "evidence": f"{verb}d by {mine.label} in group {group} who reacted, "
        f"against {rest.label} elsewhere",
    }


def representative_statements(
    counts: VoteCounts, statements: list[str], min_reactions: int, pick_max: int = PICK_MAX
) -> dict[str, list[dict[str, Any]]]:
    """For each group, up to ``pick_max`` statements it agrees or disagrees on more than the rest.

    A statement qualifies for a direction when more than half of the group takes it
    (pseudocounts 1 and 2), both z-tests pass at 90% one-sided, and at least
    ``min_reactions`` of the group reacted. Ranked by ratio * z_vs_rest * p * z.
    """
    n_groups = counts.agree.shape[0]
    total_agree, total_disagree = counts.agree.sum(0), counts.disagree.sum(0)
    result: dict[str, list[dict[str, Any]]] = {}
    for g in range(n_groups):
        agree = _direction(counts, g, counts.agree[g], total_agree - counts.agree[g])
        disagree = _direction(counts, g, counts.disagree[g], total_disagree - counts.disagree[g])
        enough = counts.reacted[g] >= min_reactions
        candidates = np.flatnonzero(enough & (agree["ok"] | disagree["ok"]))
        use_agree = agree["ok"][candidates] & (
            ~disagree["ok"][candidates]
            | (agree["metric"][candidates] >= disagree["metric"][candidates])
        )
        metric = np.where(use_agree, agree["metric"][candidates], disagree["metric"][candidates])
        top = np.argsort(-metric, kind="stable")[:pick_max]  # as a stable sort of all picks
        picks = zip(candidates[top].tolist(), use_agree[top].tolist(), strict=True)
        result[str(g)] = [
            _item(statements[j], g, "agree", agree, j, min_reactions)
            if by_agree
            else _item(statements[j], g, "disagree", disagree, j, min_reactions)
            for j, by_agree in picks
        ]
    return result
