"""Opinion map on the shared Polis conversations: stability, agreement, order, speed.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/opinion.py            # ours + Polis reference
    OPENBLAS_NUM_THREADS=1 /tmp/rd-venv/bin/python bench/opinion.py     # + red-dwarf 0.4.0

(/tmp/rd-venv: ``python -m venv /tmp/rd-venv && /tmp/rd-venv/bin/pip install red-dwarf==0.4.0``;
the bench puts ``src/`` on the path.)

For every conversation, and for random sub-rooms of 30 and 60 of the participants Polis
grouped (10 draws each):
- stability: our bootstrap stability (mean ARI over 20 resamples of people and statements)
  and whether the map shows groups at all;
- ARI against Polis's own ``group-id`` (participants Polis grouped; anyone a method left
  ungrouped counts as a group of their own) for ours, for a faithful reference of Polis's
  algorithm (bench/polis_reference.py) and for red-dwarf when importable;
- order: the mean ARI between a method's groups on the export and on 10 shuffles of its rows;
- time end to end from the files (reading included): ``cli_report(..., as_json=True)``
  with 0 and with 20 resamples against red-dwarf (pandas.read_csv + run_pipeline).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from polis_reference import polis_groups  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from secondtrack.core.opinion import (  # noqa: E402
    analyse,
    cli_report,
    latest_votes,
    moderated_out,
    polis_clusterable,
    read_polis_comments,
    read_polis_vote_events,
)

try:
    import pandas as pd
    from reddwarf.implementations.polis import run_pipeline as red_dwarf_pipeline
except ImportError:  # red-dwarf is optional
    red_dwarf_pipeline = None

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polis"
SHUFFLES = 10
DRAWS = 10
ROOMS = (30, 60)


def ari(truth: dict[str, str], groups: dict[str, int]) -> float:
    people = list(truth)
    return adjusted_rand_score([truth[p] for p in people], [groups.get(p, -1) for p in people])


def agreement(a: dict[str, int], b: dict[str, int]) -> float:
    people = sorted(set(a) | set(b))
    return adjusted_rand_score([a.get(p, -1) for p in people], [b.get(p, -1) for p in people])


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def red_dwarf_from_files(votes_csv: Path, comments_csv: Path):
    frame = pd.read_csv(votes_csv)
    frame = frame.sort_values("timestamp", kind="stable").drop_duplicates(
        ["voter-id", "comment-id"], keep="last"
    )
    comments = pd.read_csv(comments_csv)
    out = comments.loc[comments["moderated"] == -1, "comment-id"].astype(int).tolist()
    rows = [
        {"participant_id": int(v), "statement_id": int(c), "vote": int(x), "modified": float(t)}
        for v, c, x, t in zip(
            frame["voter-id"], frame["comment-id"], frame["vote"], frame["timestamp"], strict=True
        )
    ]
    return red_dwarf_pipeline(votes=rows, mod_out_statement_ids=out)


def red_dwarf_rows(votes) -> list[dict]:
    return [
        {"participant_id": int(v), "statement_id": int(c), "vote": x, "modified": 0.0}
        for v, c, x in votes
    ]


def red_dwarf_groups(result) -> dict[str, int]:
    frame = result.participants_df
    grouped = frame[frame["cluster_id"].notna()]
    return {str(pid): int(c) for pid, c in zip(grouped.index, grouped["cluster_id"], strict=True)}


def shuffled_runs(votes, run, n=SHUFFLES) -> float:
    first = run(votes)
    scores = []
    for draw in range(n):
        again = votes[:]
        random.Random(draw).shuffle(again)
        scores.append(agreement(first, run(again)))
    return statistics.mean(scores)


def conversation_row(folder: Path, repeat: int) -> dict:
    events = read_polis_vote_events(folder / "votes.csv")
    votes = latest_votes(events)
    excluded = moderated_out(read_polis_comments(folder / "comments.csv"))
    keep = polis_clusterable(events)
    with open(folder / "participants-votes.csv", newline="") as handle:
        truth = {r["participant"]: r["group-id"] for r in csv.DictReader(handle) if r["group-id"]}
    ours = analyse(votes, exclude=excluded, keep=keep)
    row = {
        "name": folder.name,
        "votes": len(votes),
        "polis_grouped": len(truth),
        "stability": ours.stability["overall"],
        "shown": ours.stability["groups_shown"],
        "ari_ours": ari(truth, dict(ours.groups)),
        "ari_raw": ari(
            truth, dict(analyse(votes, exclude=excluded, keep=keep, resamples=0).groups)
        ),
        "ari_ref": ari(truth, polis_groups(votes, excluded, keep)),
        "order_ours": shuffled_runs(
            votes, lambda v: dict(analyse(v, exclude=excluded, keep=keep, resamples=0).groups)
        ),
        "order_ref": shuffled_runs(votes, lambda v: polis_groups(v, excluded, keep)),
        "n_consensus": len(ours.consensus),
    }
    files = (folder / "votes.csv", folder / "comments.csv")
    row["ms_ours0"] = 1e3 * timed(lambda: cli_report(*files, as_json=True, resamples=0), repeat)
    row["ms_ours20"] = 1e3 * timed(lambda: cli_report(*files, as_json=True), max(1, repeat // 2))
    if red_dwarf_pipeline is not None:
        result = red_dwarf_from_files(*files)
        row["ari_rd"] = ari(truth, red_dwarf_groups(result))
        row["ms_rd"] = 1e3 * timed(lambda: red_dwarf_from_files(*files), repeat)
        row["order_rd"] = shuffled_runs(
            votes,
            lambda v: red_dwarf_groups(
                red_dwarf_pipeline(
                    votes=red_dwarf_rows(v), mod_out_statement_ids=list(map(int, excluded))
                )
            ),
            n=3,
        )
    return row


def sub_rooms(folder: Path, size: int) -> dict:
    events = read_polis_vote_events(folder / "votes.csv")
    votes = latest_votes(events)
    excluded = moderated_out(read_polis_comments(folder / "comments.csv"))
    with open(folder / "participants-votes.csv", newline="") as handle:
        truth = {r["participant"]: r["group-id"] for r in csv.DictReader(handle) if r["group-id"]}
    people = sorted(truth)
    out = {"stability": [], "shown": 0, "ari_ours": [], "ari_ref": [], "ari_rd": [], "ms": []}
    for draw in range(DRAWS):
        room = set(random.Random(1000 * size + draw).sample(people, min(size, len(people))))
        mine = [v for v in votes if v[0] in room]
        sub_truth = {p: truth[p] for p in room}
        start = time.perf_counter()
        ours = analyse(mine, exclude=excluded)
        out["ms"].append(1e3 * (time.perf_counter() - start))
        if ours.stability and ours.stability["overall"] is not None:
            out["stability"].append(ours.stability["overall"])
        out["shown"] += bool(ours.groups)
        raw = analyse(mine, exclude=excluded, resamples=0)  # the groups before the check
        out["ari_ours"].append(ari(sub_truth, dict(raw.groups)))
        out["ari_ref"].append(ari(sub_truth, polis_groups(mine, excluded)))
        if red_dwarf_pipeline is not None:
            try:
                result = red_dwarf_pipeline(
                    votes=red_dwarf_rows(mine), mod_out_statement_ids=list(map(int, excluded))
                )
                out["ari_rd"].append(ari(sub_truth, red_dwarf_groups(result)))
            except Exception:  # noqa: BLE001 - red-dwarf may refuse a small room
                out["ari_rd"].append(float("nan"))
    return out


def mean(xs) -> str:
    xs = [x for x in xs if x == x]
    return f"{statistics.mean(xs):.2f}" if xs else "-"


def speed_table(runs: int) -> None:
    """End to end from the files, ours (0 resamples) and red-dwarf alternating, the fastest
    of ``runs`` each: the figure least distorted by other work on a shared machine."""
    print("| conversation | ours ms | red-dwarf ms | red-dwarf / ours |")
    print("|---|---:|---:|---:|")
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        files = (folder / "votes.csv", folder / "comments.csv")
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(timed(lambda f=files: cli_report(*f, as_json=True, resamples=0), 1))
            theirs.append(timed(lambda f=files: red_dwarf_from_files(*f), 1))
        print(
            f"| {folder.name} | {1e3 * min(ours):.0f} | {1e3 * min(theirs):.0f} | "
            f"{min(theirs) / min(ours):.1f}x |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--speed", type=int, metavar="N", help="only the speed table: fastest of N alternating runs"
    )
    args = parser.parse_args()
    if args.speed:
        if red_dwarf_pipeline is None:
            raise SystemExit("--speed compares with red-dwarf: run this with red-dwarf installed")
        speed_table(args.speed)
        return
    print(f"red-dwarf: {'0.4.0 run_pipeline defaults' if red_dwarf_pipeline else 'not importable'}")
    print(
        "| conversation | votes | Polis grouped | stability | groups shown | ARI ours (shown / "
        "before the check) | "
        "ARI Polis ref | ARI red-dwarf | same under 10 shuffles: ours / Polis ref / red-dwarf "
        "(3) | consensus | ms ours (0 / 20 resamples) | ms red-dwarf | red-dwarf / ours (0 / 20) |"
    )
    print("|---|---:|---:|---:|---|---|---:|---:|---|---:|---|---:|---|")
    folders = sorted(p for p in DATA.iterdir() if p.is_dir())
    for folder in folders:
        r = conversation_row(folder, args.repeat)
        rd = f"{r['ari_rd']:.3f}" if "ari_rd" in r else "-"
        order_rd = f"{r['order_rd']:.3f}" if "order_rd" in r else "-"
        ms_rd = f"{r['ms_rd']:.0f}" if "ms_rd" in r else "-"
        ratio = (
            f"{r['ms_rd'] / r['ms_ours0']:.1f}x / {r['ms_rd'] / r['ms_ours20']:.2f}x"
            if "ms_rd" in r
            else "-"
        )
        print(
            f"| {r['name']} | {r['votes']} | {r['polis_grouped']} | {r['stability']:.2f} | "
            f"{'yes' if r['shown'] else 'no'} | {r['ari_ours']:.3f} / {r['ari_raw']:.3f} | "
            f"{r['ari_ref']:.3f} | {rd} | "
            f"{r['order_ours']:.3f} / {r['order_ref']:.3f} / {order_rd} | {r['n_consensus']} | "
            f"{r['ms_ours0']:.0f} / {r['ms_ours20']:.0f} | {ms_rd} | {ratio} |",
            flush=True,
        )
    print()
    print(
        "| conversation | room | stability (mean of 10) | draws with groups shown | "
        "ARI ours (before the check) | ARI Polis ref | ARI red-dwarf | ms ours (20 resamples) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for folder in folders:
        for size in ROOMS:
            s = sub_rooms(folder, size)
            print(
                f"| {folder.name} | {size} | {mean(s['stability'])} | {s['shown']}/{DRAWS} | "
                f"{mean(s['ari_ours'])} | {mean(s['ari_ref'])} | {mean(s['ari_rd'])} | "
                f"{statistics.median(s['ms']):.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
