"""Deliveries as tasks: the id goes in, `runner.run` does the work (and claims it once)."""

from __future__ import annotations

import logging
from uuid import UUID

from django_tasks import task

from secondtrack import taskqueue
from secondtrack.delivery.services import runner

log = logging.getLogger(__name__)


@task()
def run_delivery(delivery_id: str, attempt: int = 0) -> str:
    """Run one delivery; an unexpected failure (the database went away) is tried again
    later with back-off. The delivery's own failures are settled on it for the reader."""
    try:
        return runner.run(UUID(delivery_id)).status
    except Exception:
        if taskqueue.retry_later(run_delivery, delivery_id, attempt=attempt):
            log.warning("delivery %s: attempt %d failed, retrying later", delivery_id, attempt)
        raise
