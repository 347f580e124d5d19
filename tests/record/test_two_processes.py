"""Two server processes behind one address share the live session through Redis.

Both `secondtrack serve` processes use the test's database: PostgreSQL as is, or on SQLite
a file copy of the in-memory test database that both processes then share.
"""

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from secondtrack.dialogues.models import Session
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("SECONDTRACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_URL} is unreachable: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield REDIS_URL
    for key in client.scan_iter("secondtrack*"):  # keys, groups: only in this test's db
        client.delete(key)


def shared_database_url(tmp_path: Path) -> str:
    """A URL the server processes can open for the data this test has committed."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"], safe="")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if connection.vendor == "sqlite":
        path = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    pytest.skip(f"two-process test knows PostgreSQL and SQLite, not {connection.vendor}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(Path(sys.executable).with_name("secondtrack")), "serve", "--port", str(port)]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    return process, f"127.0.0.1:{port}"


def wait_until_serving(process: subprocess.Popen, address: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            urllib.request.urlopen(f"http://{address}/login/", timeout=1).close()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"server on {address} did not answer within 30 s:\n{log.read_text()}")


@pytest.fixture
def cookies(transactional_db, world) -> dict[str, str]:
    """A logged-in session cookie for each person, made before the servers start."""
    cookies = {}
    for name in ("alice", "bob", "outsider"):
        client = Client()
        client.force_login(getattr(world, name))
        cookies[name] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


@pytest.fixture
def two_servers(transactional_db, world, cookies, redis_url, tmp_path):
    """Processes A and B, started once the world is committed; always killed at the end."""
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="secondtrack.settings_test",  # the hasher that made PASSWORD
        DATABASE_URL=shared_database_url(tmp_path),
        REDIS_URL=redis_url,
        SECONDTRACK_DATA_DIR=str(tmp_path / "data"),
        SECONDTRACK_KEYSTORE="redis",
        SECRET_KEY=settings.SECRET_KEY,  # so that sessions made here are valid there
    )
    processes, addresses = [], []
    try:
        for name in "ab":
            log = tmp_path / f"server-{name}.log"
            process, address = start_server(env, log)
            processes.append(process)
            wait_until_serving(process, address, log)
            addresses.append(address)
        yield addresses
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)


def run(scenario, *args):
    """asyncio.run in a thread of its own: playwright may hold this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario(*args))).result(timeout=30)


def listen(address: str, session_id: int, cookie: str):
    return connect(
        f"ws://{address}/ws/sessions/{session_id}/",
        origin=f"http://{address}",
        additional_headers={"Cookie": cookie},
        open_timeout=5,
        close_timeout=2,
    )


def api(address: str, path: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(
        f"http://{address}/api{path}", data=json.dumps(body).encode(), headers=headers
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_contribution_posted_on_one_process_reaches_listeners_on_the_other(
    two_servers, world, cookies
):
    a, b = two_servers
    plenary = Session.objects.get(meeting=world.alpha, title="Plenary")
    text = "Joint patrols, announced in advance, would lower the risk."

    def post_through_b() -> None:
        token = api(b, "/auth/token", {"email": world.carol.email, "password": PASSWORD})
        api(b, f"/sessions/{plenary.id}/contributions", {"text": text}, token["token"])

    async def scenario() -> dict:
        async with listen(a, plenary.id, cookies["alice"]) as socket_on_a:
            await asyncio.to_thread(post_through_b)
            return json.loads(await asyncio.wait_for(socket_on_a.recv(), timeout=2))

    event = run(scenario)
    assert (event["event"], event["session"]) == ("posted", plenary.id)
    assert text in event["html"]
    assert "Carol" not in event["html"]


def test_non_members_websocket_is_refused(two_servers, world, cookies):
    a, _ = two_servers
    plenary = Session.objects.get(meeting=world.alpha, title="Plenary")

    async def attempt(cookie: str) -> None:
        async with listen(a, plenary.id, cookie):
            pass

    for stranger in ("bob", "outsider"):
        with pytest.raises(InvalidStatus) as refused:
            run(attempt, cookies[stranger])
        assert refused.value.response.status_code == 403
    run(attempt, cookies["alice"])  # the same door opens for a member
