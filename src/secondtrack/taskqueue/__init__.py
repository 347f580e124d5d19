"""Background work through the Django Tasks API (django-tasks), recorded in the database.

Tasks take ids and call a service (style.md 15). Callers use `defer`, which enqueues once
the caller's transaction commits (a rollback enqueues nothing). With SECONDTRACK_TASKS:

- ``embedded`` (default): the task is a row of django-tasks-db; a few threads inside the
  server (`runner.embedded`) claim it at once, so `secondtrack serve` alone does the work;
  rows left by a crash are claimed again when the server starts.
- ``worker``: the same rows, run by `secondtrack worker` processes (several may run: each
  row is claimed with SELECT ... FOR UPDATE SKIP LOCKED, so no task runs twice at once).
- ``inline``: run at once in the calling code (the test settings; debugging).

A task whose process died is claimed again after SECONDTRACK_TASK_LEASE_SECONDS; a task
that raised is enqueued again with exponential back-off, up to SECONDTRACK_TASK_ATTEMPTS.
So a task may run more than once: each service it calls claims its own rows (a delivery, a
notice) so that the work itself is done once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

BACKOFF_SECONDS = 10  # first retry after this, doubling up to BACKOFF_CAP_SECONDS
BACKOFF_CAP_SECONDS = 30 * 60


def inline() -> bool:
    return settings.SECONDTRACK_TASKS == "inline"


def defer(task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue `task(*args)` when the caller's transaction commits (at once outside one).
    Never raises into the caller: a failure to enqueue is logged, and the sweep or the
    operator's retry picks the work up (every service keeps its own state in its rows)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs), robust=True)


def enqueue(task: Any, *args: Any, delay: timedelta | None = None, **kwargs: Any) -> None:
    """Enqueue now (use `defer` inside a transaction). `delay` runs it no sooner than that."""
    if inline():
        task.call(*args, **kwargs)
        return
    if delay is not None:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(*args, **kwargs)
    if settings.SECONDTRACK_TASKS == "embedded":
        from secondtrack.taskqueue import runner

        runner.embedded.wake()


def backoff(attempt: int) -> timedelta:
    """10 s, 20 s, 40 s, ... at most 30 minutes."""
    return timedelta(seconds=min(BACKOFF_SECONDS * 2**attempt, BACKOFF_CAP_SECONDS))


def retry_later(task: Any, *args: Any, attempt: int) -> bool:
    """Enqueue the next attempt after its back-off; False once attempts are used up (or
    inline, where nothing waits)."""
    if inline() or attempt + 1 >= settings.SECONDTRACK_TASK_ATTEMPTS:
        return False
    enqueue(task, *args, attempt=attempt + 1, delay=backoff(attempt))
    return True
