"""Load: simulated participants posting contributions and voting on a trial balloon.

Against served instances on 127.0.0.1 (real `secondtrack serve` processes):
  --mode sqlite    one server on the embedded SQLite default
  --mode postgres  two servers on PostgreSQL (database secondtrack_load, created and
                   dropped here), Redis as channel layer and cache, two `secondtrack worker`s
Each participant thinks 2-14 s, then posts a contribution or votes (half each), with an
Idempotency-Key; a failed attempt (connection error or 5xx) is retried twice with the same
key, as a client would. --kill N: kill -9 one server N seconds in (SQLite: restarted).
Afterwards every acknowledged contribution is looked up in the database ("lost": answered
2xx but missing) and every contribution stored more than once is counted ("duplicates").

    .venv/bin/python bench/load.py --mode sqlite
    .venv/bin/python bench/load.py --mode postgres --kill 30

Baseline (named "before", issue 13, same machine): SQLite one server 934 of 2,021 requests
answered 500, p95 13 s; PostgreSQL two servers 1,026 of 2,193 answered 500.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = {"sqlite": (934, 2021, 13.0), "postgres": (1026, 2193, None)}
PG_DB = "secondtrack_load"

SEED = r"""
import json, sys
from secondtrack.cli import _migrate, _setup
_setup(); _migrate()
from datetime import date
from django.conf import settings
from secondtrack.accounts.models import ApiToken, User
from secondtrack.dialogues.models import Meeting, Participation, Series, Session
from secondtrack.registry.models import Person
n = int(sys.argv[1])
series = Series.objects.create(title="Load Dialogue")
meeting = Meeting.objects.create(series=series, title="Load Meeting", starts=date(2026, 1, 1),
                                 ends=date(2026, 1, 1))
session = Session.objects.create(meeting=meeting, title="Plenary", rule="chatham_house")
people = Person.objects.bulk_create([Person(name=f"Participant {i}", countries=["JP"])
                                     for i in range(n)])
Participation.objects.bulk_create([Participation(meeting=meeting, person=p, status="attended")
                                   for p in people])
tokens = []
for i, p in enumerate(people):
    user = User.objects.create_user(f"load{i}@example.org", None, person=p)
    tokens.append(ApiToken.issue(user, 2))
print(json.dumps({"session": session.id, "meeting": meeting.id, "tokens": tokens}))
"""

CHECK = r"""
import json, sys
from secondtrack.cli import _setup
_setup()
from secondtrack.balloons.models import Reaction
from secondtrack.record.models import Contribution
from secondtrack.record.storage import read_text
rows = Contribution.objects.filter(session_id=int(sys.argv[1])).select_related("session")
ids, texts = [], []
for c in rows:
    ids.append(str(c.id)); texts.append(read_text(c, c.session))
print(json.dumps({"contributions": ids, "texts": texts, "reactions": Reaction.objects.count()}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(mode: str, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECONDTRACK_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        SECONDTRACK_DATA_DIR=str(data / "data"),
        SECONDTRACK_KEY_DIR=str(data / "keys"),
        SECRET_KEY="load-bench-" + "k" * 50,
        LOG_LEVEL="ERROR",
        SECONDTRACK_REQUIRE_2FA="false",
    )
    if mode == "postgres":
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
            REDIS_URL="redis://127.0.0.1:6379/15",
            SECONDTRACK_TASKS="worker",
        )
    return env


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = Path(self.env["SECONDTRACK_DATA_DIR"]).parent / f"server-{self.port}.log"
        with log.open("ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "secondtrack.cli", "serve", "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server on {self.port} did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.acked: set[str] = set()
        self.voters: set[int] = set()
        self.requests = 0
        self.gave_up = 0


def request(port: int, method: str, path: str, token: str, body: dict, key: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            method,
            path,
            json.dumps(body),
            {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
                "Host": "127.0.0.1",
            },
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def participant(n, token, ports, plan, stats: Stats, stop_at: float, rng: random.Random):
    while True:
        time.sleep(rng.uniform(2, 14))
        if time.monotonic() >= stop_at:
            return
        key = str(uuid.uuid4())
        if rng.random() < 0.5:
            path = f"/api/sessions/{plan['session']}/contributions"
            body = {"text": f"Proposal {key[:8]}: coast guards should meet every month."}
        else:
            path = f"/api/balloons/{plan['balloon']}/votes"
            body = {"statement": plan["statement"], "vote": rng.choice([1, -1, 0])}
        for attempt in range(3):
            port = ports[(n + attempt) % len(ports)]
            started = time.monotonic()
            try:
                status, data = request(port, "POST", path, token, body, key)
                label = str(status)
            except OSError as error:
                status, data, label = 0, b"", type(error).__name__
            elapsed = time.monotonic() - started
            with stats.lock:
                stats.requests += 1
                stats.statuses[label] += 1
                stats.latencies.append(elapsed)
                if 200 <= status < 300:
                    if "contributions" in path:
                        stats.acked.add(json.loads(data)["id"])
                    else:
                        stats.voters.add(n)
            if status and status < 500:
                break
            time.sleep(0.5)
        else:
            with stats.lock:
                stats.gave_up += 1


def run(args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="secondtrack-load-"))
    print(f"logs in {tmp}", file=sys.stderr)
    env = environment(args.mode, tmp)
    if args.mode == "postgres":
        psql(f"DROP DATABASE IF EXISTS {PG_DB}")
        psql(f"CREATE DATABASE {PG_DB}")
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, str(args.participants)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if seeded.returncode:
        raise SystemExit(seeded.stderr)
    plan = json.loads(seeded.stdout.strip().splitlines()[-1])
    servers = [Server(env, free_port()) for _ in range(1 if args.mode == "sqlite" else 2)]
    workers: list[subprocess.Popen] = []
    try:
        for server in servers:
            server.start()
        if args.mode == "postgres":
            workers = [
                subprocess.Popen(
                    [sys.executable, "-m", "secondtrack.cli", "worker"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(2)
            ]
        status, data = request(
            servers[0].port,
            "POST",
            f"/api/meetings/{plan['meeting']}/balloons",
            plan["tokens"][0],
            {"text": "A hotline between coast guards"},
            str(uuid.uuid4()),
        )
        assert status == 201, data
        plan["balloon"] = json.loads(data)["id"]
        connection = http.client.HTTPConnection("127.0.0.1", servers[0].port, timeout=30)
        connection.request(
            "GET",
            f"/api/balloons/{plan['balloon']}",
            headers={"Authorization": f"Bearer {plan['tokens'][0]}"},
        )
        plan["statement"] = json.loads(connection.getresponse().read())["statements"][0]["id"]
        connection.close()

        stats = Stats()
        stop_at = time.monotonic() + args.seconds
        ports = [s.port for s in servers]
        threads = [
            threading.Thread(
                target=participant,
                args=(n, token, ports, plan, stats, stop_at, random.Random(n)),
                daemon=True,
            )
            for n, token in enumerate(plan["tokens"])
        ]
        for thread in threads:
            thread.start()
        killed = None
        if args.kill:
            time.sleep(args.kill)
            servers[-1].kill()
            killed = f"server on port {servers[-1].port} killed with SIGKILL at {args.kill} s"
            if args.mode == "sqlite":
                servers[-1].start()
                killed += ", restarted"
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
    finally:
        for server in servers:
            server.stop()
        for worker in workers:
            worker.terminate()
    checked = subprocess.run(
        [sys.executable, "-c", CHECK, str(plan["session"])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.returncode:
        raise SystemExit(checked.stderr)
    stored = json.loads(checked.stdout.strip().splitlines()[-1])
    ids = stored["contributions"]
    if args.mode == "postgres":
        psql(f"DROP DATABASE IF EXISTS {PG_DB}")
    latencies = sorted(stats.latencies)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    five = sum(v for k, v in stats.statuses.items() if k.startswith("5"))
    return {
        "mode": args.mode,
        "participants": args.participants,
        "seconds": args.seconds,
        "kill": killed,
        "requests": stats.requests,
        "statuses": dict(sorted(stats.statuses.items())),
        "5xx": five,
        "gave_up": stats.gave_up,
        "p50_s": round(q[49], 3),
        "p95_s": round(q[94], 3),
        "acknowledged_contributions": len(stats.acked),
        "stored_contributions": len(ids),
        "lost": len(stats.acked - set(ids)),
        "stored_unacknowledged": len(set(ids) - stats.acked),
        "duplicates": len(stored["texts"]) - len(set(stored["texts"])),
        "acknowledged_voters": len(stats.voters),
        "stored_reactions": stored["reactions"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--kill", type=int, default=0, help="kill -9 a server after N s")
    args = parser.parse_args()
    result = run(args)
    print(json.dumps(result, indent=2))
    base_5xx, base_requests, base_p95 = BASELINE[args.mode]
    share = result["5xx"] / max(1, result["requests"])
    print(
        f"5xx share {share:.1%} vs before {base_5xx / base_requests:.1%} "
        f"(ratio {share / (base_5xx / base_requests):.3f})"
        + (
            f"; p95 {result['p95_s']} s vs before {base_p95} s "
            f"(ratio {result['p95_s'] / base_p95:.3f})"
            if base_p95
            else ""
        )
    )


if __name__ == "__main__":
    main()
