"""Opinion-map fidelity and speed on the shared Polis conversations.

    .venv/bin/python bench/opinion.py                      # ours only
    /tmp/rd-venv/bin/python bench/opinion.py               # with red-dwarf 0.4.0 side by side

ARI is the adjusted Rand index of our groups against Polis's own ``group-id`` over the
participants Polis grouped (anyone we left ungrouped counts as a group of their own).
Columns: "polis rule" = min(7, statements) votes plus Polis's sticky admission replayed
from the vote log (the library default for Polis exports); "all voters" = min_votes=1,
every participant who voted is placed (what Polis evidently did for these exports: it
grouped 374 one-vote participants in football-concussions).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from secondtrack.core.opinion import (  # noqa: E402
    OpinionModel,
    analyse,
    latest_votes,
    moderated_out,
    polis_clusterable,
    read_polis_comments,
    read_polis_vote_events,
)

try:
    from reddwarf.implementations.polis import run_pipeline as red_dwarf_pipeline
except ImportError:  # the bench extra is optional
    red_dwarf_pipeline = None

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polis"
NEW_VOTES = 5


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def score(polis: dict[str, str], groups: dict[str, int]) -> tuple[float, int]:
    ours = [groups.get(p, -1) for p in polis]
    return adjusted_rand_score(list(polis.values()), ours), sum(p in groups for p in polis)


def red_dwarf_rows(events) -> list[dict]:
    latest = {}
    for e in sorted(events, key=lambda e: e.timestamp):
        latest[(e.voter_id, e.statement_id)] = e
    return [
        {
            "participant_id": int(e.voter_id),
            "statement_id": int(e.statement_id),
            "vote": e.vote,
            "modified": e.timestamp,
        }
        for e in latest.values()
    ]


def red_dwarf_groups(result) -> dict[str, int]:
    frame = result.participants_df
    grouped = frame[frame["cluster_id"].notna()]
    return {str(pid): int(c) for pid, c in zip(grouped.index, grouped["cluster_id"], strict=True)}


def side_by_side(ours, theirs, repeat: int) -> tuple[float, object, float | None, object]:
    """Median times of both pipelines, run alternately so both see the same machine load."""
    our_times, their_times, out, their_out = [], [], None, None
    for _ in range(repeat):
        seconds, out = timed(ours, 1)
        our_times.append(seconds)
        if theirs is not None:
            seconds, their_out = timed(theirs, 1)
            their_times.append(seconds)
    their_s = statistics.median(their_times) if their_times else None
    return statistics.median(our_times), out, their_s, their_out


def incremental(votes, excluded, keep, repeat):
    """Time adding the last NEW_VOTES votes to a warm model (model rebuilt outside the timer)."""
    times = []
    for _ in range(repeat):
        model = OpinionModel(exclude=excluded, keep=keep)
        model.add_votes(votes[:-NEW_VOTES])
        model.result()
        start = time.perf_counter()
        model.add_votes(votes[-NEW_VOTES:])
        result = model.result()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result.work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"red-dwarf: {'0.4.0 run_pipeline defaults' if red_dwarf_pipeline else 'not importable'}")
    header = (
        f"{'conversation':<28} {'votes':>6} {'ARI polis-rule':>15} {'ARI all-voters':>15} "
        f"{'ARI red-dwarf':>14} {'full ms':>8} {'incr ms':>8} {'full/incr':>9} "
        f"{'rd ms':>7} {'rd/ours':>7}"
    )
    print(header)
    aris: dict[str, list[float]] = {"rule": [], "all": [], "rd": []}
    for folder in sorted(DATA.iterdir()):
        events = read_polis_vote_events(folder / "votes.csv")
        votes = latest_votes(events)
        excluded = moderated_out(read_polis_comments(folder / "comments.csv"))
        with open(folder / "participants-votes.csv", newline="") as handle:
            polis = {
                r["participant"]: r["group-id"] for r in csv.DictReader(handle) if r["group-id"]
            }
        keep = polis_clusterable(events)
        rows = red_dwarf_rows(events) if red_dwarf_pipeline is not None else None
        full_s, rule, rd_s, rd_result = side_by_side(
            lambda v=votes, x=excluded, k=keep: analyse(v, exclude=x, keep=k),
            (lambda r=rows: red_dwarf_pipeline(votes=r)) if rows is not None else None,
            args.repeat,
        )
        everyone = analyse(votes, exclude=excluded, min_votes=1)
        incr_s, work = incremental(votes, excluded, keep, args.repeat)
        (ari_rule, n_rule), (ari_all, n_all) = (
            score(polis, rule.groups),
            score(polis, everyone.groups),
        )
        aris["rule"].append(ari_rule)
        aris["all"].append(ari_all)
        rd_cell, rd_ms, rd_ratio = "-", "-", "-"
        if rd_result is not None:
            ari_rd, n_rd = score(polis, red_dwarf_groups(rd_result))
            aris["rd"].append(ari_rd)
            rd_cell = f"{ari_rd:.3f} ({n_rd})"
            rd_ms, rd_ratio = f"{rd_s * 1e3:.0f}", f"{rd_s / full_s:.1f}x"
        print(
            f"{folder.name:<28} {len(votes):>6} {f'{ari_rule:.3f} ({n_rule})':>15} "
            f"{f'{ari_all:.3f} ({n_all})':>15} {rd_cell:>14} {full_s * 1e3:>8.1f} "
            f"{incr_s * 1e3:>8.1f} {f'{full_s / incr_s:.1f}x':>9} {rd_ms:>7} {rd_ratio:>7}"
            f"   [Polis grouped {len(polis)}; incr work {work.total_iterations()} it]"
        )
    means = {k: statistics.mean(v) for k, v in aris.items() if v}
    print("mean ARI: " + ", ".join(f"{k} {v:.3f}" for k, v in means.items()))


if __name__ == "__main__":
    main()
