"""Text and JSON report for ``secondtrack opinion VOTES.csv [--comments C.csv] [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

from .model import OpinionResult
from .polis_io import (
    latest_vote_codes,
    moderated_out,
    polis_clusterable_columns,
    read_polis_comments,
    read_polis_vote_columns,
)
from .result import top_per_direction
from .stable import DEFAULT_RESAMPLES, analyse


def cli_report(
    votes_path: str | Path,
    comments_path: str | Path | None = None,
    as_json: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    all_items: bool = False,
) -> str:
    """Opinion groups of a Polis export, as a human table or as JSON (design §5).

    As Polis does, participants who were admitted to clustering earlier in the log stay in.
    With comments, statements a moderator removed (moderated = -1) are left out and the
    text report quotes the statements. ``resamples`` bootstrap resamples give the groups'
    stability and the consensus survival (0: none, and groups are shown unchecked).
    Raises OpinionInputError for unusable files.
    """
    columns = read_polis_vote_columns(votes_path)
    votes = latest_vote_codes(columns, canonical=True)
    texts: dict[str, str] = {}
    excluded: set[str] = set()
    if comments_path is not None:
        comments = read_polis_comments(comments_path)
        texts = {c.statement_id: c.text for c in comments}
        excluded = moderated_out(comments)
    result = analyse(
        votes,
        exclude=excluded,
        keep=polis_clusterable_columns(columns),
        resamples=resamples,
        in_canonical_order=True,
    )
    if as_json:
        data = result.to_dict(all_items=all_items)
        data["statements"] = {sid: texts[sid] for sid in _cited(result) if sid in texts}
        return json.dumps(data, ensure_ascii=False)  # compact: the C encoder, 10x faster
    return _table(result, texts, all_items)


def _cited(result: OpinionResult) -> list[str]:
    cited = [item["statement"] for item in result.consensus]
    cited += [item["statement"] for items in result.repness.values() for item in items]
    cited += [item["statement"] for item in result.cross_line]
    return list(dict.fromkeys(cited))


def _quote(texts: dict[str, str], statement: str, width: int = 70) -> str:
    text = texts.get(statement, "")
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"#{statement} {text}".rstrip()


def _table(result: OpinionResult, texts: dict[str, str], all_items: bool = False) -> str:
    ev = result.evidence
    lines = [
        f"{ev['n_participants']} participants, {ev['n_statements']} statements, "
        f"{ev['n_votes']} votes; {ev['n_clustered']} with at least "
        f"{ev['min_votes_to_cluster']} votes were placed in groups.",
    ]
    if ev["n_groups"]:
        sizes = ", ".join(f"group {g}: {n}" for g, n in ev["group_sizes"].items())
        lines.append(f"{ev['n_groups']} opinion groups ({sizes}); silhouette {ev['silhouette']}.")
    else:
        lines.append(f"No opinion groups: {ev['groups_note'].removeprefix('no groups: ')}.")
    stability = result.stability
    if stability and stability.get("overall") is not None:
        per_group = ", ".join(f"group {g}: {v}" for g, v in stability["groups"].items())
        lines.append(
            f"Stability over {stability['resamples']} resamples: {stability['overall']} "
            f"overall (adjusted Rand); {per_group} (Jaccard; groups shown from "
            f"{stability['threshold']})."
        )
    consensus = result.consensus if all_items else top_per_direction(result.consensus)
    lines += ["", f"Consensus ({len(consensus)} of {len(result.consensus)} shown)"]
    lines += [
        f"  {item['direction']:<8} {_quote(texts, item['statement'])}\n"
        f"           {item['evidence']}"
        for item in consensus
    ] or ["  (none with enough evidence)"]
    for group, items in result.repness.items():
        lines += ["", f"Group {group}: representative statements"]
        lines += [
            f"  {item['direction']:<8} {_quote(texts, item['statement'])}\n"
            f"           {item['evidence']}"
            for item in items
        ] or ["  (none significant)"]
    return "\n".join(lines) + "\n"
