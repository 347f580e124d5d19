"""A large room's opinion map as a task: the balloon's id goes in, `opinion.recompute`
computes and keeps it (see balloons/opinion.py)."""

from __future__ import annotations

from django_tasks import task

from secondtrack import taskqueue
from secondtrack.balloons import opinion


@task()
def recompute_opinion(balloon_id: str, attempt: int = 0) -> int | None:
    """Recompute one balloon's map; a failure is tried again later with back-off."""
    try:
        return opinion.recompute(balloon_id)
    except Exception:
        taskqueue.retry_later(recompute_opinion, balloon_id, attempt=attempt)
        raise
