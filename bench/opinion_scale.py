"""Opinion map at scale: 100,000 participants, 2,000 statements, 1,000,000 votes, planted groups.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/opinion_scale.py

Issue 5's targets on one core: full recomputation < 2 s, peak memory < 1 GiB, planted groups
recovered with ARI >= 0.9, an incremental update after 100 new votes < 50 ms. The room is
seeded and deterministic: three groups (50 / 30 / 20 %) lean agree or disagree at random on
every statement; each participant votes on 10 distinct random statements, with their
group's leaning 85 % of the time, pass 10 % and the other way 5 %. Input is the list of
(voter, statement, vote) triples, as the library takes it; "full" is from those triples
to the result. "incr" adds 100 votes (100 random participants, one random statement each)
to the warm model and recomputes, after the input list has been dropped (a live model
holds its votes itself); the groups and positions of a large room are built lazily, so
their dict build is timed separately ("maps").
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import numpy as np  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from secondtrack.core.opinion import OpinionModel  # noqa: E402

PARTICIPANTS, STATEMENTS, VOTES = 100_000, 2_000, 1_000_000
SHARES = (0.5, 0.3, 0.2)
NEW_VOTES = 100
TARGETS = {"full s": 2.0, "peak MiB": 1024.0, "ARI": 0.9, "incr ms": 50.0}


def planted(seed: int = 5) -> tuple[list[tuple[str, str, int]], np.ndarray, np.ndarray]:
    """(triples, planted group per participant, statement leaning per group)."""
    rng = np.random.default_rng(seed)
    per = VOTES // PARTICIPANTS
    truth = rng.choice(len(SHARES), size=PARTICIPANTS, p=SHARES)
    leaning = rng.choice([-1, 1], size=(len(SHARES), STATEMENTS))
    cols = np.sort(rng.integers(0, STATEMENTS, size=(PARTICIPANTS, per)), axis=1)
    while (again := np.flatnonzero((np.diff(cols, axis=1) == 0).any(1))).size:
        cols[again] = np.sort(rng.integers(0, STATEMENTS, size=(again.size, per)), axis=1)
    votes = _react(rng, leaning[truth[:, None], cols])
    order = rng.permutation(VOTES)
    rows = np.repeat(np.arange(PARTICIPANTS), per)[order].tolist()
    voters = [f"p{i}" for i in range(PARTICIPANTS)]
    statements = [f"s{j}" for j in range(STATEMENTS)]
    triples = list(
        zip(
            map(voters.__getitem__, rows),
            map(statements.__getitem__, cols.ravel()[order].tolist()),
            votes.ravel()[order].tolist(),
            strict=True,
        )
    )
    return triples, truth, leaning


def _react(rng: np.random.Generator, lean: np.ndarray) -> np.ndarray:
    roll = rng.random(lean.shape)
    return np.where(roll < 0.05, -lean, np.where(roll < 0.15, 0, lean)).astype(np.int64)


def new_votes(rng, truth, leaning) -> list[tuple[str, str, int]]:
    who = rng.choice(PARTICIPANTS, size=NEW_VOTES, replace=False)
    what = rng.integers(0, STATEMENTS, size=NEW_VOTES)
    votes = _react(rng, leaning[truth[who], what])
    return [(f"p{p}", f"s{s}", int(v)) for p, s, v in zip(who, what, votes, strict=True)]


def ari(result, truth: np.ndarray) -> float:
    groups = result.groups
    return adjusted_rand_score(truth, [groups.get(f"p{i}", -1) for i in range(truth.size)])


def full_run(triples) -> tuple[float, OpinionModel]:
    start = time.perf_counter()
    model = OpinionModel().add_votes(triples)
    model.result()
    return time.perf_counter() - start, model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    triples, truth, leaning = planted()
    print(f"built {len(triples)} votes in {time.perf_counter() - start:.1f} s (not timed below)")

    tracemalloc.start()
    full_run(triples)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    fulls, model = [], None
    for _ in range(args.repeat):
        model = None  # one model alive at a time
        seconds, model = full_run(triples)
        fulls.append(seconds)
    result = model.result()
    ev = result.evidence
    print(
        f"groups {ev['n_groups']} {ev['group_sizes']}, silhouette {ev['silhouette']}, "
        f"clustered {ev['n_clustered']}, full work {result.work}"
    )
    full_ari = ari(result, truth)

    del triples  # the live model has them; only the model stays (as in the app)
    gc.collect()
    rng = np.random.default_rng(7)
    incrs, maps = [], []
    for _ in range(5):
        batch = new_votes(rng, truth, leaning)
        start = time.perf_counter()
        model.add_votes(batch)
        result = model.result()
        incrs.append(time.perf_counter() - start)
        start = time.perf_counter()
        len(result.groups), len(result.coords)
        maps.append(time.perf_counter() - start)
    print(f"incremental work (last): {result.work}; ARI after updates {ari(result, truth):.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    measured = {
        "full s": statistics.median(fulls),
        "peak MiB": rss,
        "ARI": full_ari,
        "incr ms": statistics.median(incrs) * 1e3,
    }
    print(f"\n{'figure':<10} {'measured':>10} {'target':>8} {'ratio':>7}")
    for name, target in TARGETS.items():
        value = measured[name]
        print(f"{name:<10} {value:>10.3f} {target:>8g} {value / target:>6.2f}x")
    print(
        f"\nfull runs {[round(x, 2) for x in fulls]} s; incr {[round(x * 1e3, 1) for x in incrs]}"
        f" ms; maps (dict build of groups + coords) {statistics.median(maps) * 1e3:.0f} ms;"
        f"\npeak RSS of the whole process {rss:.0f} MiB (input triples included); "
        f"tracemalloc peak of one full run {traced:.0f} MiB"
    )


if __name__ == "__main__":
    main()
