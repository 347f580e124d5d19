"""Nothing lost on a crash, nothing sent twice: real processes against a real SMTP server.

A delivery is asked for (and committed) by one process; a `secondtrack worker` (or the
server's embedded runner, `secondtrack serve`) takes it and starts mailing the EPUB; it is
killed with SIGKILL while the mail server is still receiving the message. A new process of
the same kind is started: once the dead one's claim expires it takes the delivery again,
and the reader's Kindle receives exactly one message.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
LEASE = 2  # seconds: a dead process's claim is taken over after this

SETUP = r"""
import sys
from secondtrack.cli import _migrate, _setup
_setup(); _migrate()
from ebooklib import epub
import tempfile, pathlib
from secondtrack.accounts.models import User
from secondtrack.delivery.services import deliver
from secondtrack.delivery.services.kindle import set_kindle_address
book = epub.EpubBook(); book.set_identifier("urn:uuid:crash"); book.set_title("Summary")
book.set_language("en")
chapter = epub.EpubHtml(title="Summary", file_name="s.xhtml", lang="en")
chapter.content = "<h1>Summary</h1><p>Confidence-building.</p>"
book.add_item(chapter); book.toc = [chapter]; book.spine = ["nav", chapter]
book.add_item(epub.EpubNcx()); book.add_item(epub.EpubNav())
path = pathlib.Path(tempfile.mkdtemp()) / "s.epub"; epub.write_epub(str(path), book)
user = User.objects.create_user("reader@example.org", "a long test password")
set_kindle_address(user, "reader_books@kindle.com")
d = deliver(user, "kindle", "summary.epub", path.read_bytes(), "application/epub+zip", "Summary")
print(d.id)
"""


class SlowFirstInbox:
    """Takes its time over the first message (and answers nothing if the sender dies
    meanwhile: aiosmtpd cancels the handler); takes every later one at once."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.receiving = threading.Event()
        self.first = True

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd API
        if self.first:
            self.first = False
            self.receiving.set()
            await asyncio.sleep(60)  # cancelled when the connection drops
        self.messages.append(envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = SlowFirstInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _env(tmp_path: Path, smtp_port: int, tasks: str) -> dict[str, str]:
    # Its own SQLite database in tmp_path (read back below), whatever the suite runs on.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update(
        SECONDTRACK_DATA_DIR=str(tmp_path / "data"),
        SECONDTRACK_KEY_DIR=str(tmp_path / "keys"),
        SECRET_KEY="crash-test-secret-key-" + "x" * 40,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="120",
        SECONDTRACK_TASKS=tasks,
        SECONDTRACK_TASK_LEASE_SECONDS=str(LEASE),
        LOG_LEVEL="WARNING",
    )
    return env


def _status(tmp_path: Path, delivery_id: str) -> str:
    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'secondtrack.sqlite3'}?mode=ro", uri=True)
    try:
        hex_id = delivery_id.replace("-", "")
        row = db.execute("SELECT status FROM delivery_delivery WHERE id = ?", (hex_id,)).fetchone()
        return row[0]
    finally:
        db.close()


def _row(tmp_path: Path):
    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'secondtrack.sqlite3'}?mode=ro", uri=True)
    try:
        return (
            db.execute(
                "SELECT status, progress, message, heartbeat FROM delivery_delivery"
            ).fetchall(),
            db.execute(
                "SELECT status, worker_ids, started_at FROM django_tasks_database_dbtaskresult"
            ).fetchall(),
        )
    finally:
        db.close()


def _start(kind: str, env: dict[str, str]) -> subprocess.Popen:
    if kind == "worker":
        args = ["worker", "--interval", "0.2"]
    else:
        args = ["serve", "--port", str(_free_port())]
    return subprocess.Popen(
        [sys.executable, "-m", "secondtrack.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _output(process: subprocess.Popen) -> str:
    _stop(process)
    return process.stderr.read().decode(errors="replace")[-3000:] if process.stderr else ""


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.parametrize("kind", ["worker", "serve"])
def test_a_process_killed_mid_delivery_is_replaced_and_the_epub_is_mailed_once(
    tmp_path, smtp_server, kind
):
    inbox, smtp_port = smtp_server
    env = _env(tmp_path, smtp_port, "worker" if kind == "worker" else "embedded")
    setup = subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env={**env, "SECONDTRACK_TASKS": "worker"},  # asked for and committed, nothing runs it
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    delivery_id = setup.stdout.strip().splitlines()[-1]
    assert _status(tmp_path, delivery_id) == "queued"

    first = _start(kind, env)
    try:
        assert inbox.receiving.wait(timeout=90), "the first process never began mailing"
        assert _status(tmp_path, delivery_id) == "running"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        _stop(first)
    time.sleep(0.5)
    assert inbox.messages == []  # the mail server never accepted the half-sent message
    assert _status(tmp_path, delivery_id) == "running"  # left claimed by the dead process

    second = _start(kind, env)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and _status(tmp_path, delivery_id) != "done":
            time.sleep(0.2)
        assert _status(tmp_path, delivery_id) == "done", (_output(second), _row(tmp_path))
        time.sleep(3 * LEASE)  # every sweep and expired lease has had its chance to resend
    finally:
        _stop(second)
    assert len(inbox.messages) == 1
    assert f"<delivery-{delivery_id}@secondtrack>".encode() in inbox.messages[0]
    assert b"reader_books@kindle.com" in inbox.messages[0]
