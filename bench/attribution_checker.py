"""Benchmark of issue 14's attribution checker against named baselines.

Prints, for the labelled set tests/data/deattribution/issue14 (every case of the issue;
each line may name its author):

- recall per category and the precision of high and medium findings, for the current
  scanner and for two baselines: ``previous`` (the scanner at commit --baseline, default
  2a3b893, the last commit before issue 14; taken with ``git archive``, so it is skipped
  outside a git checkout) and ``exact`` (a naive exact-match of registry names);

and on a seeded 10,000-person registry (bench/deattribution.py's generator):

- throughput in MB/s and p95 latency per 2,000-character draft, current and previous,
  measured interleaved (draft by draft, best of --repeat) so that a shared machine's noise
  hits both alike, with the ratio current / previous;
- the time to build the scanner, and to get it from the CLI's disk cache.

Run: .venv/bin/python bench/attribution_checker.py [--mb 0.5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "core" / "deattribution"))
sys.path.insert(0, str(ROOT / "bench"))

from deattribution import drafts, synthetic_registry, synthetic_text  # noqa: E402
from deattribution_support import parse  # noqa: E402

from secondtrack.core.deattribution import CATEGORIES, Registry, Scanner  # noqa: E402
from secondtrack.core.deattribution.cache import cached_scanner  # noqa: E402

DATA = ROOT / "tests" / "data" / "deattribution" / "issue14"
TARGETS = {
    "name": 0.97,
    "affiliation": 0.95,
    "self_reference": 0.90,
    "quasi_identifier": 0.85,
    "author": 0.90,
}


def labelled() -> list[tuple[str | None, Any]]:
    lines = []
    for number, line in enumerate((DATA / "sentences.txt").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        author, text = line.split("\t", 1)
        lines.append((None if author == "-" else author, parse(text, f"sentences.txt:{number}")))
    return lines


def score(scan: Any, lines: list[tuple[str | None, Any]]) -> dict[str, Any]:
    support = dict.fromkeys(CATEGORIES, 0)
    found = dict.fromkeys(CATEGORIES, 0)
    predicted = correct = 0
    misses, alarms = [], []
    for author, sentence in lines:
        findings = scan(sentence.text, author)
        for span in sentence.spans:
            support[span.category] += 1
            if any(
                f.category == span.category and f.start < span.end and span.start < f.end
                for f in findings
            ):
                found[span.category] += 1
            else:
                misses.append(f"{sentence.source} {sentence.text[span.start : span.end]!r}")
        for f in findings:
            if f.severity not in ("high", "medium"):
                continue
            predicted += 1
            if any(
                s.category == f.category and f.start < s.end and s.start < f.end
                for s in sentence.spans
            ):
                correct += 1
            else:
                alarms.append(f"{sentence.source} {f.category} {sentence.text[f.start : f.end]!r}")
    recall = {c: (found[c] / support[c] if support[c] else None) for c in CATEGORIES}
    return {
        "recall": recall,
        "support": support,
        "precision": correct / predicted if predicted else 1.0,
        "predicted": predicted,
        "misses": misses,
        "alarms": alarms,
    }


class ExactBaseline:
    """Naive baseline: every registry name, other name and organisation name, matched
    exactly (case-sensitive substring); each match a high name/affiliation finding."""

    def __init__(self, data: dict[str, Any], finding: Any) -> None:
        self.finding = finding
        terms: dict[str, str] = {}
        for org in data.get("organisations", []):
            for name in [org["name"], *org.get("other_names", []), org.get("acronym") or ""]:
                if len(name) >= 2:
                    terms[name] = "affiliation"
        for person in data["people"]:
            for name in [person["name"], *person.get("other_names", [])]:
                terms[name] = "name"
        alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        self.pattern = re.compile(alternation)
        self.terms = terms

    def scan(self, text: str, author: str | None = None) -> list[Any]:
        return [
            self.finding(m.start(), m.end(), self.terms[m.group()], "high", "a participant", "")
            for m in self.pattern.finditer(text)
        ]


def previous_package(rev: str) -> Any | None:
    """The deattribution package at ``rev``, imported as ``baseline_deattribution``."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "src/secondtrack/core/deattribution"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    target = Path(tempfile.mkdtemp(prefix="baseline-scanner-"))
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    (target / "src" / "secondtrack" / "core" / "deattribution").rename(
        target / "baseline_deattribution"
    )
    sys.path.insert(0, str(target))
    return importlib.import_module("baseline_deattribution")


def previous_scan(package: Any, registry_data: dict[str, Any]) -> Any:
    scanner = package.Scanner(package.Registry.from_dict(registry_data), k=3)

    def scan(text: str, author: str | None = None) -> list[Any]:
        return scanner.scan(text)  # the previous scanner knows no author

    return scan


def table(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = [
        "| category | support | target | " + " | ".join(names) + " |",
        "|---|---:|---:|" + "---:|" * len(names),
    ]
    first = results[names[0]]
    for category in CATEGORIES:
        if not first["support"][category]:
            continue
        cells = []
        for name in names:
            value = results[name]["recall"][category]
            cells.append("n/a" if value is None else f"{value:.3f}")
        target = TARGETS.get(category)
        lines.append(
            f"| recall {category} | {first['support'][category]} | "
            f"{'' if target is None else f'{target:.2f}'} | " + " | ".join(cells) + " |"
        )
    cells = [f"{results[n]['precision']:.3f} ({results[n]['predicted']})" for n in names]
    lines.append("| precision high+medium (findings) | | 0.95 | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed(args: argparse.Namespace, package: Any | None) -> None:
    data = synthetic_registry(args.people, args.seed)
    start = time.perf_counter()
    scanner = Scanner(Registry.from_dict(data), k=3)
    build = time.perf_counter() - start
    raw = json.dumps(data).encode()
    with tempfile.TemporaryDirectory() as cache_dir:
        cached_scanner(raw, 3, Path(cache_dir))
        start = time.perf_counter()
        _, hit = cached_scanner(raw, 3, Path(cache_dir))
        cached = time.perf_counter() - start
    print(
        f"10,000-person registry: scanner built in {build:.2f} s; from the disk cache "
        f"(as `secondtrack scan --registry`) in {cached:.2f} s (hit: {hit}; target < 1 s)"
    )
    scans = {"current": scanner.scan}
    if package is not None:
        scans["previous"] = package.Scanner(package.Registry.from_dict(data), k=3).scan
    text = synthetic_text(data, int(args.mb * 1_000_000), args.seed)
    pieces = drafts(text, 2000)
    best = {name: [float("inf")] * len(pieces) for name in scans}
    for piece in pieces[:20]:
        for scan in scans.values():
            scan(piece)
    for _ in range(args.repeat):
        for i, piece in enumerate(pieces):
            for name, scan in scans.items():
                t = time.perf_counter()
                scan(piece)
                best[name][i] = min(best[name][i], time.perf_counter() - t)
    megabytes = len(text.encode()) / 1_000_000
    rows = {}
    for name, times in best.items():
        ordered = sorted(times)
        rows[name] = (megabytes / sum(times), ordered[int(0.95 * (len(ordered) - 1))] * 1000)
    print(f"{megabytes:.2f} MB in {len(pieces)} drafts of 2,000 characters, best of {args.repeat}:")
    for name, (mbs, p95) in rows.items():
        print(f"  {name}: {mbs:.2f} MB/s (target 2.0), p95 {p95:.2f} ms (target < 5)")
    if "previous" in rows:
        ratio = rows["current"][0] / rows["previous"][0]
        print(f"  current / previous throughput: {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="2a3b893", help="commit of the previous scanner")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()

    registry_data = json.loads((DATA / "registry.json").read_text("utf-8"))
    lines = labelled()
    scanner = Scanner(Registry.from_dict(registry_data), k=3)
    from secondtrack.core.deattribution import Finding

    results = {"current": score(lambda t, a: scanner.scan(t, author=a), lines)}
    package = previous_package(args.baseline)
    if package is not None:
        results[f"previous ({args.baseline})"] = score(previous_scan(package, registry_data), lines)
    results["exact match"] = score(ExactBaseline(registry_data, Finding).scan, lines)
    print(f"labelled set {DATA.relative_to(ROOT)}: {len(lines)} lines, k=3")
    print(table(results))
    if args.verbose:
        for line in results["current"]["misses"]:
            print("  missed:", line)
        for line in results["current"]["alarms"]:
            print("  false alarm:", line)
    if not args.no_speed:
        print()
        speed(args, package)


if __name__ == "__main__":
    main()
