"""Claiming and running task rows: the `secondtrack worker` loop and the embedded threads.

Both claim rows exactly as django-tasks-db's own worker does (SELECT ... FOR UPDATE SKIP
LOCKED inside a transaction, an exclusive one on SQLite), and add what it lacks:
- a lease: a row left RUNNING by a process that died (kill -9, power loss) for longer than
  SECONDTRACK_TASK_LEASE_SECONDS is made ready again, at most SECONDTRACK_TASK_ATTEMPTS
  times (a task that kills its process each time stays failed);
- a sweep: services register `sweepers` that re-enqueue work whose task never got
  enqueued (a crash between the commit and the enqueue).
Logs carry task ids and names only, never arguments or results.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

log = logging.getLogger(__name__)

BACKEND = "default"
# Functions run every lease period by one of the runners: re-enqueue work whose task is lost.
sweepers: list[Callable[[], int]] = []


def lease() -> timedelta:
    return timedelta(seconds=settings.SECONDTRACK_TASK_LEASE_SECONDS)


def reap() -> int:
    """Make rows claimed by a dead process ready again (or failed after too many claims)."""
    stale = DBTaskResult.objects.filter(
        backend_name=BACKEND,
        status=TaskResultStatus.RUNNING,
        started_at__lt=timezone.now() - lease(),
    )
    again = 0
    for row in stale:
        if len(row.worker_ids) >= settings.SECONDTRACK_TASK_ATTEMPTS:
            taken = DBTaskResult.objects.filter(id=row.id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path="secondtrack.taskqueue.LeaseExpired",
                traceback="Claimed too many times by processes that did not finish it.",
            )
            log.warning("task %s failed: its process died %d times", row.id, len(row.worker_ids))
        else:
            taken = DBTaskResult.objects.filter(
                id=row.id, status=TaskResultStatus.RUNNING, started_at=row.started_at
            ).update(status=TaskResultStatus.READY)
            again += taken
            if taken:
                log.warning("task %s (%s) taken again: its claim expired", row.id, row.task_name)
    return again


def sweep() -> int:
    found = 0
    for sweeper in sweepers:
        try:
            found += sweeper()
        except Exception:  # a sweeper's failure must not stop the runner
            log.exception("task sweep %s failed", getattr(sweeper, "__name__", sweeper))
    return found


def claim(worker_id: str) -> DBTaskResult | None:
    """The next ready row, claimed for `worker_id`; None if there is none (or SQLite is busy)."""
    tasks = DBTaskResult.objects.ready().filter(backend_name=BACKEND)
    try:
        with exclusive_transaction(tasks.db):
            row = tasks.get_locked()
            if row is not None:
                row.claim(worker_id)
            return row
    except OperationalError as error:
        if is_locked_database_exception(error):
            return None
        raise


def _tidy_connections() -> None:
    """Close connections that are broken or past CONN_MAX_AGE, as a worker should between
    tasks; not while the caller holds a transaction (a test running the worker inline),
    which closing would break."""
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        close_old_connections()


class LeasedWorker(Worker):
    """django-tasks-db's worker, claiming through `claim` and reaping expired leases."""

    def __init__(self, *, worker_id: str, interval: float = 1.0, batch: bool = False) -> None:
        super().__init__(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name=BACKEND,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self._next_sweep = 0.0

    def housekeeping(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + max(1.0, lease().total_seconds() / 2)
        try:
            reap()
            sweep()
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise

    def step(self) -> bool:
        """Claim and run one task; True if there was one."""
        _tidy_connections()
        self.housekeeping()
        row = claim(self.worker_id)
        if row is None:
            return False
        self.run_task(row)
        _tidy_connections()
        return True

    def run(self) -> None:
        log.info("task worker %s started", self.worker_id)
        while self.running:
            if self.step():
                continue
            if self.batch:
                return
            time.sleep(self.interval)


class Embedded:
    """A bounded pool of threads in the server process that run tasks right after commit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        with self._lock:
            if self._threads or settings.SECONDTRACK_TASKS != "embedded":
                return
            self._stop.clear()
            for n in range(max(1, settings.SECONDTRACK_TASK_THREADS)):
                worker = LeasedWorker(worker_id=f"embedded-{get_random_string(12)}")
                thread = threading.Thread(
                    target=self._loop, args=(worker,), name=f"secondtrack-task-{n}", daemon=True
                )
                self._threads.append(thread)
                thread.start()

    def wake(self) -> None:
        """Run what was just enqueued, if this process is a server (asgi.py starts the
        threads); in any other process (a CLI command) the rows wait for a server."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        with self._lock:
            threads, self._threads = self._threads, []
        self._stop.set()
        self._wake.set()
        for thread in threads:
            thread.join(timeout)

    def _loop(self, worker: LeasedWorker) -> None:
        try:
            while not self._stop.is_set():
                try:
                    if worker.step():
                        continue
                except Exception:  # the loop outlives any one failure
                    log.exception("embedded task runner: a step failed")
                self._wake.wait(timeout=2.0)
                self._wake.clear()
        finally:
            connections.close_all()


embedded = Embedded()
