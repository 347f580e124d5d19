"""Benchmark the de-attribution scanner: throughput and draft latency at registry scale.

Generates (seeded, deterministic) a 10,000-person registry and about 1 MB of text made of
the labelled corpus sentences with registry names substituted, then reports:

- scanner build time for the registry;
- throughput in MB/s (UTF-8 bytes) scanning the text as 2,000-character drafts;
- p50/p95/max latency for one 2,000-character draft;
- ratios against the targets (2 MB/s, 20 ms p95), the named baseline;
- the corpus scores (recall/precision per category) on the labelled corpus;
- optionally Presidio on the same corpus, only if ``presidio_analyzer`` is importable.

Run: .venv/bin/python bench/deattribution.py [--people 10000] [--mb 1.0] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "core" / "deattribution"))

from deattribution_support import evaluate, load_registry, load_sentences, table  # noqa: E402

from secondtrack.core.deattribution import Registry, Scanner  # noqa: E402

TARGET_MB_S = 2.0
TARGET_P95_MS = 20.0
DRAFT_CHARS = 2000

SYLLABLES = {
    "JP": (
        ["Hiro", "Ken", "Take", "Yu", "Dai", "Masa", "Shin", "Aki", "Nao", "Ryo"],
        ["shi", "ji", "ko", "ki", "suke", "to", "mi", "ya", "ta", "ro"],
        [
            "Tanabe",
            "Ishida",
            "Kondo",
            "Fujita",
            "Okada",
            "Murata",
            "Nishimura",
            "Ueda",
            "Hasegawa",
            "Kubota",
            "Sakamoto",
            "Endo",
            "Aoki",
            "Noguchi",
            "Matsuda",
        ],
    ),
    "KR": (
        ["Min", "Ji", "Seo", "Hyun", "Tae", "Eun", "Jae", "Soo", "Dong", "Ha"],
        ["-jun", "-woo", "-yeon", "-ho", "-min", "-jin", "-seok", "-hee", "-young", "-bin"],
        [
            "Kim",
            "Lee",
            "Park",
            "Choi",
            "Jung",
            "Kang",
            "Cho",
            "Yoon",
            "Jang",
            "Lim",
            "Han",
            "Oh",
            "Seo",
            "Shin",
            "Kwon",
        ],
    ),
    "CN": (
        ["Jian", "Xiao", "Hai", "Wei", "Zhi", "Li", "Yu", "Hong", "Guo", "Chun"],
        ["guo", "ling", "tao", "ming", "hua", "jun", "fang", "yan", "qiang", "bo"],
        [
            "Wang",
            "Li",
            "Zhang",
            "Liu",
            "Chen",
            "Yang",
            "Zhao",
            "Huang",
            "Zhou",
            "Wu",
            "Xu",
            "Sun",
            "Hu",
            "Zhu",
            "Gao",
        ],
    ),
    "VN": (
        ["Van", "Thi", "Minh", "Duc", "Thu", "Quoc", "Hoang", "Ngoc", "Anh", "Bao"],
        [" Lan", " Hung", " Anh", " Binh", " Hoa", " Tuan", " Mai", " Long", " Nam", " Ha"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
    ),
    "ID": (
        ["Budi", "Dewi", "Agus", "Sri", "Rizal", "Putri", "Eko", "Wahyu", "Indah", "Andi"],
        ["", "", "", "", "", "", "", "", "", ""],
        [
            "Santoso",
            "Wijaya",
            "Saputra",
            "Hidayat",
            "Kusuma",
            "Pratama",
            "Nugroho",
            "Setiawan",
            "Lestari",
            "Rahman",
        ],
    ),
    "AU": (
        ["James", "Sarah", "Michael", "Emma", "David", "Laura", "Peter", "Claire", "Mark", "Helen"],
        ["", "", "", "", "", "", "", "", "", ""],
        [
            "Thompson",
            "Walker",
            "Harris",
            "Clarke",
            "Robinson",
            "Wright",
            "Mitchell",
            "Campbell",
            "Stewart",
            "Morrison",
            "Fraser",
            "Gallagher",
        ],
    ),
}
KINDS = [
    "university",
    "think_tank",
    "ministry",
    "armed_forces",
    "legislature",
    "media",
    "industry",
    "ngo",
    "international_organisation",
]
ORG_WORDS = ["Institute", "Centre", "Council", "Foundation", "Academy", "Forum", "Society"]
TOPICS = [
    "Maritime",
    "Strategic",
    "Regional",
    "Security",
    "Ocean",
    "Policy",
    "Economic",
    "Peace",
    "Energy",
    "Development",
    "Defence",
    "Pacific",
    "Continental",
    "Mekong",
]
ROLES = [
    "Professor",
    "Senior Fellow",
    "Research Fellow",
    "Director",
    "Deputy Director",
    "Correspondent",
    "Member",
    "Adviser",
    "Counsellor",
    "Chief Executive",
]


def synthetic_registry(people: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    countries = list(SYLLABLES)
    orgs = []
    for i in range(max(40, people // 12)):
        words = rng.sample(TOPICS, 2)
        name = f"{words[0]} {rng.choice(ORG_WORDS)} of {words[1]} Studies {i}"
        orgs.append(
            {
                "id": f"o{i}",
                "name": name,
                "acronym": f"X{i:04d}"[-5:],
                "country": rng.choice(countries),
                "kind": rng.choice(KINDS),
            }
        )
    persons = []
    for i in range(people):
        country = rng.choice(countries)
        first, second, family = SYLLABLES[country]
        given = rng.choice(first) + rng.choice(second)
        surname = rng.choice(family)
        order_family_first = country in {"KR", "CN", "VN"}
        name = f"{surname} {given}" if order_family_first else f"{given} {surname}"
        persons.append(
            {
                "id": f"p{i}",
                "name": name,
                "countries": [country],
                "gender": rng.choice("mf"),
                "affiliations": [
                    {"organisation": rng.choice(orgs)["id"], "role": rng.choice(ROLES), "end": None}
                ],
            }
        )
    return {"organisations": orgs, "people": persons}


def synthetic_text(registry: dict[str, Any], target_bytes: int, seed: int) -> str:
    rng = random.Random(seed)
    sentences = [s.text for s in load_sentences()]
    names = [p["name"] for p in registry["people"]]
    orgs = [o["name"] for o in registry["organisations"]]
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        sentence = rng.choice(sentences)
        if rng.random() < 0.3:
            sentence = f"{rng.choice(names)} said that {sentence[0].lower()}{sentence[1:]}"
        if rng.random() < 0.1:
            sentence += f" The {rng.choice(orgs)} disagreed."
        parts.append(sentence)
        size += len(sentence.encode()) + 1
    return " ".join(parts)


def drafts(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def measure(scanner: Scanner, pieces: list[str]) -> list[float]:
    gc.collect()
    timings = []
    for piece in pieces:
        start = time.perf_counter()
        scanner.scan(piece)
        timings.append(time.perf_counter() - start)
    return timings


def presidio_side_by_side() -> None:
    try:
        import presidio_analyzer  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        print("Presidio: presidio_analyzer is not installed; side-by-side skipped.")
        return
    print("Presidio: installed, but the side-by-side needs a spaCy model present offline;")
    print("run it by hand (see docs/deattribution.md). Skipped here to stay offline.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data = synthetic_registry(args.people, args.seed)
    start = time.perf_counter()
    registry = Registry.from_dict(data)
    scanner = Scanner(registry, k=3)
    build = time.perf_counter() - start
    text = synthetic_text(data, int(args.mb * 1_000_000), args.seed)
    pieces = drafts(text, DRAFT_CHARS)
    measure(scanner, pieces[:20])  # warm-up
    runs = [measure(scanner, pieces) for _ in range(args.repeat)]
    # The machine is shared: each draft's best time over the runs filters out the time
    # other processes took from us; the worst run is reported too.
    timings = [min(times) for times in zip(*runs, strict=True)]
    total = sum(timings)
    worst_total = max(sum(run) for run in runs)
    megabytes = len(text.encode()) / 1_000_000
    throughput = megabytes / total
    ms = sorted(t * 1000 for t in timings)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    worst_p95 = max(sorted(run)[int(0.95 * (len(run) - 1))] for run in runs) * 1000
    findings = sum(len(scanner.scan(p)) for p in pieces[:50])
    start = time.perf_counter()
    scanner.scan(text)
    whole = time.perf_counter() - start

    print(
        f"registry: {args.people} people, {len(data['organisations'])} organisations; "
        f"scanner built in {build:.2f} s"
    )
    print(f"text: {megabytes:.2f} MB in {len(pieces)} drafts of {DRAFT_CHARS} characters")
    print(f"best of {args.repeat} runs per draft:")
    print(
        f"throughput: {throughput:.2f} MB/s (target {TARGET_MB_S} MB/s, "
        f"ratio {throughput / TARGET_MB_S:.2f}x)"
    )
    print(
        f"draft latency: p50 {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, "
        f"max {ms[-1]:.2f} ms (target p95 < {TARGET_P95_MS} ms, "
        f"ratio {TARGET_P95_MS / p95:.2f}x headroom)"
    )
    print(
        f"worst of {args.repeat} runs: {megabytes / worst_total:.2f} MB/s, p95 {worst_p95:.2f} ms"
    )
    print(f"whole text in one call: {megabytes / whole:.2f} MB/s")
    print(f"findings in the first 50 drafts: {findings}")
    print()
    print("labelled corpus (tests/data/deattribution, k=3):")
    corpus_scanner = Scanner(load_registry(), k=3)
    sentences = load_sentences()
    start = time.perf_counter()
    print(table(evaluate(sentences, corpus_scanner.scan)))
    corpus_bytes = sum(len(s.text.encode()) for s in sentences) / 1_000_000
    print(
        f"corpus scan: {corpus_bytes / (time.perf_counter() - start):.2f} MB/s "
        "(one sentence per call, includes scoring)"
    )
    print()
    presidio_side_by_side()


if __name__ == "__main__":
    main()
