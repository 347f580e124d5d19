"""Groups that reproduce, and the uncertainty that goes with them.

1. *Canonical order*: votes are put in the order of voter and statement ids, so the same
   votes give the same groups whatever the order of rows or participants; groups are the
   best of many k-means runs from starts drawn without random numbers
   (``clustering.consensus_candidates``), so there is no seed they could hang on.
2. *Bootstrap*: the analysis is repeated on resamples of participants and of statements
   (with replacement). Overall stability is the mean adjusted Rand index between the
   groups and each resample's groups over the participants drawn; a group's stability is
   its mean best Jaccard match (Hennig 2007). Groups are shown only when the room is big
   enough and every group's stability reaches ``MIN_GROUP_STABILITY``.
3. *Survival*: each consensus and cross-line statement carries the share of resamples
   (that drew it) in which it is again consensus; lists are ranked by it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from operator import itemgetter
from typing import Any

import numpy as np

from .consensus import consensus_statements
from .counts import room_counts
from .crossline import Blocs
from .model import OpinionModel
from .polis_io import CodedVotes, VoteTriple
from .result import OpinionResult

DEFAULT_RESAMPLES = 20
# Hennig (2007, 2008): a cluster whose mean bootstrap Jaccard is below 0.6 "should not be
# trusted"; 0.6-0.75 "indicates patterns"; 0.75 and more is a stable cluster.
MIN_GROUP_STABILITY = 0.6
# Below 4k placed people a resample (which leaves out about a third of the room) cannot
# keep two groups of k apart; we do not show groups there.
ROOM_FACTOR = 4
BOOTSTRAP_SEED = 20_151  # fixed: resample b is always the same draw


def _id_key(value: object) -> tuple[int, int, str]:
    text = str(value)
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def canonical_votes(votes: Sequence[VoteTriple]) -> list[VoteTriple]:
    """The votes (a later vote on a cell replacing the earlier) in an order fixed by ids.

    Voters, then statements, in order of id (numeric ids as numbers): the order of rows
    or of participants in the input no longer matters.
    """
    cells = zip(map(itemgetter(0), votes), map(itemgetter(1), votes), strict=True)
    latest = dict(zip(cells, map(itemgetter(2), votes), strict=True))
    if not latest:
        return []
    voters = list(dict.fromkeys(map(itemgetter(0), latest)))
    statements = list(dict.fromkeys(map(itemgetter(1), latest)))
    vrank = dict(zip(sorted(voters, key=_id_key), range(len(voters)), strict=True))
    srank = dict(zip(sorted(statements, key=_id_key), range(len(statements)), strict=True))
    keys = list(latest)
    order = np.lexsort(
        (
            np.array(list(map(srank.__getitem__, map(itemgetter(1), keys))), dtype=np.int64),
            np.array(list(map(vrank.__getitem__, map(itemgetter(0), keys))), dtype=np.int64),
        )
    )
    values = list(latest.values())
    return [(*keys[i], values[i]) for i in order.tolist()]


def adjusted_rand(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labellings (1.0 identical, about 0 by chance)."""
    if a.size < 2:
        return 1.0
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    total = a.size * (a.size - 1) / 2
    expected = rows * cols / total
    top = (rows + cols) / 2
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)


def analyse(
    votes: Sequence[VoteTriple] | CodedVotes,
    blocs: Blocs | None = None,
    k: int = 3,
    min_votes: int | None = None,
    exclude: Collection[str] = (),
    keep: Collection[str] = (),
    resamples: int = DEFAULT_RESAMPLES,
    in_canonical_order: bool = False,
) -> OpinionResult:
    """The whole pipeline once, reproducibly, with bootstrap stability and survival.

    ``resamples=0`` skips the bootstrap: groups are then shown without a stability
    figure (and consensus has no survival); the API and the pages never do that. There is
    no seed: the k-means starts draw no random number and the resamples are a fixed
    stream (``BOOTSTRAP_SEED``), so the output is a function of the votes alone.
    """
    # in_canonical_order: the caller vouches that ``votes`` is canonical_votes(votes)
    # (polis_io.latest_vote_columns(..., canonical=True) gives that), saving a pass; coded
    # votes (polis_io.latest_vote_codes(..., canonical=True)) save making the triples too
    model = OpinionModel(
        blocs=blocs, k=k, min_votes=min_votes, exclude=exclude, keep=keep, stable=True
    )
    if isinstance(votes, CodedVotes):
        if not in_canonical_order:
            raise ValueError("coded votes must come in canonical order")
        result = model.add_coded(votes).result()
    else:
        canon = list(votes) if in_canonical_order else canonical_votes(votes)
        result = model.add_votes(canon).result()
    if resamples <= 0 or not model.matrix.n_votes:
        result.stability = None
        return result
    if isinstance(votes, CodedVotes):
        canon = votes.triples()
    return _with_stability(result, model, canon, resamples)


def _with_stability(
    result: OpinionResult, model: OpinionModel, canon: list[VoteTriple], resamples: int
) -> OpinionResult:
    k = model.k
    voters = list(dict.fromkeys(v for v, _, _ in canon))  # also those with excluded votes only
    n = len(voters)
    vindex = {v: i for i, v in enumerate(voters)}
    excluded = {str(e) for e in model.exclude}
    all_statements = list(dict.fromkeys(st for _, st, _ in canon))
    sindex = {st: j for j, st in enumerate(all_statements)}
    dense = np.full((n, len(all_statements)), np.nan)
    for voter, statement, vote in canon:
        dense[vindex[voter], sindex[statement]] = float(vote)
    main = np.array([result.groups.get(v, -1) for v in voters])
    grouped = main >= 0
    visible = {(b["dimension"], b["bloc"]) for b in result.evidence.get("blocs_shown", [])}
    base_blocs = {
        dim: {str(v): name for v, name in members.items() if (dim, name) in visible}
        for dim, members in (model.blocs or {}).items()
    }
    n_groups = int(main.max()) + 1 if grouped.any() else 0
    aris: list[float] = []
    jaccards: list[list[float]] = [[] for _ in range(n_groups)]
    replicates = []
    for b in range(resamples):
        rng = np.random.default_rng([BOOTSTRAP_SEED, b])
        rows = np.sort(rng.integers(0, n, n))
        cols = np.sort(rng.integers(0, dense.shape[1], dense.shape[1]))
        sub = dense[rows][:, cols]
        r, c = np.nonzero(~np.isnan(sub))
        vnames = [f"p{i}" for i in range(rows.size)]
        snames = [f"{all_statements[j]}~{i}" for i, j in enumerate(cols.tolist())]
        triples = list(
            zip(
                [vnames[i] for i in r.tolist()],
                [snames[j] for j in c.tolist()],
                sub[r, c].astype(np.int64).tolist(),
                strict=True,
            )
        )
        rep_blocs = (
            {
                dim: {
                    vnames[i]: members[str(voters[row])]
                    for i, row in enumerate(rows.tolist())
                    if str(voters[row]) in members
                }
                for dim, members in base_blocs.items()
            }
            if base_blocs
            else None
        )
        rep_model = OpinionModel(
            blocs=rep_blocs,
            k=k,
            min_votes=model.min_votes,
            exclude={
                snames[i] for i, j in enumerate(cols.tolist()) if all_statements[j] in excluded
            },
            keep={
                vnames[i] for i, row in enumerate(rows.tolist()) if str(voters[row]) in model.keep
            },
            stable=True,
        )
        rep = rep_model.add_votes(triples).result()
        first: dict[int, int] = {}
        for i, row in enumerate(rows.tolist()):
            first.setdefault(row, i)
        drawn = np.array(sorted(first))
        rep_labels = np.array([rep.groups.get(vnames[first[row]], -1) for row in drawn.tolist()])
        replicates.append((rep_model, rep, set(cols.tolist())))
        if n_groups:
            keep_rows = grouped[drawn]
            a, bl = main[drawn][keep_rows], rep_labels[keep_rows]
            aris.append(adjusted_rand(a, bl) if bl.max(initial=-1) >= 0 else 0.0)
            for g in range(n_groups):
                mine = a == g
                best = 0.0
                for h in np.unique(bl[bl >= 0]).tolist():
                    theirs = bl == h
                    union = int((mine | theirs).sum())
                    if union:
                        best = max(best, int((mine & theirs).sum()) / union)
                jaccards[g].append(best)
    by_group = {str(g): round(float(np.mean(j)), 3) for g, j in enumerate(jaccards)}
    big_enough = int(grouped.sum()) >= ROOM_FACTOR * k
    shown = bool(n_groups) and big_enough and min(by_group.values()) >= MIN_GROUP_STABILITY
    stability: dict[str, Any] = {
        "overall": round(float(np.mean(aris)), 3) if aris else None,
        "groups": by_group,
        "resamples": resamples,
        "threshold": MIN_GROUP_STABILITY,
        "groups_shown": shown,
        "method": (
            "bootstrap over participants and statements: overall = mean adjusted Rand index "
            "with each resample's groups; per group = mean best Jaccard match"
        ),
    }
    if not shown:
        if n_groups:
            result = _without_groups(result, model, big_enough, by_group)
        replicate_consensus = [
            {
                (item["statement"], item["direction"])
                for item in consensus_statements(
                    None, room_counts(m.matrix), m.matrix.statements, k
                )
            }
            for m, _, _ in replicates
        ]
    else:
        replicate_consensus = [
            {(item["statement"], item["direction"]) for item in rep.consensus}
            for _, rep, _ in replicates
        ]
    replicate_cross = [{item["statement"] for item in rep.cross_line} for _, rep, _ in replicates]

    def original(copy: str) -> str:
        return copy.rsplit("~", 1)[0]

    def survival(statement: str, hits: list[set[Any]], key: Any) -> tuple[int, int]:
        j = sindex.get(statement)
        drew = [i for i, (_, _, cols) in enumerate(replicates) if j in cols]
        won = sum(1 for i in drew if key in hits[i])
        return won, len(drew)

    orig_consensus = [{(original(st), d) for st, d in hits} for hits in replicate_consensus]
    orig_cross = [{original(st) for st in hits} for hits in replicate_cross]
    for item in result.consensus:
        won, drew = survival(
            item["statement"], orig_consensus, (item["statement"], item["direction"])
        )
        _survived(item, won, drew)
    for item in result.cross_line:
        won, drew = survival(item["statement"], orig_cross, item["statement"])
        _survived(item, won, drew)
    result.consensus.sort(key=lambda it: (-it["survival"], -it["group_informed_consensus"]))
    result.cross_line.sort(key=lambda it: (-it["survival"], -it["lowest_bloc_share"]))
    result.stability = stability
    return result


def _survived(item: dict[str, Any], won: int, drew: int) -> None:
    item["survival"] = round(won / drew, 3) if drew else 0.0
    item["resamples_drawn"] = drew
    item["evidence"] += f"; holds in {won} of {drew} resamples"


def _without_groups(
    result: OpinionResult, model: OpinionModel, big_enough: bool, by_group: dict[str, float]
) -> OpinionResult:
    """The same result with its groups withdrawn: consensus over the whole room."""
    k = model.k
    if not big_enough:
        note = (
            f"no groups: fewer than {ROOM_FACTOR * k} people with enough votes, too few to "
            "tell whether any grouping would hold; only each statement's agreement is shown"
        )
    else:
        weakest = min(by_group.values())
        note = (
            "no groups: the grouping found does not hold when the room is resampled "
            f"(weakest group stability {weakest:.2f}, below {MIN_GROUP_STABILITY}); only "
            "each statement's agreement is shown"
        )
    evidence = {
        **result.evidence,
        "n_groups": 0,
        "group_sizes": {},
        "groups_note": note,
        "groups_withheld": True,
    }
    matrix = model.matrix
    return OpinionResult(
        groups={},
        consensus=consensus_statements(None, room_counts(matrix), matrix.statements, k),
        repness={},
        cross_line=result.cross_line,
        coords=result.coords,
        evidence=evidence,
        work=result.work,
    )
