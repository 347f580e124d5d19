"""Sending the outbox as a task: notice ids go in, `outbox.send_pending` mails them."""

from __future__ import annotations

from django_tasks import task

from secondtrack import taskqueue
from secondtrack.notifications import outbox


@task()
def send_notices(ids: list[int], attempt: int = 0) -> int:
    """Mail these notices (each claimed, so none goes twice); those the mail server did not
    take are tried again with back-off, then left for `send_notifications`."""
    _sent, failed = outbox.send_pending(ids=ids)
    if failed:
        taskqueue.retry_later(send_notices, outbox.unsent(ids), attempt=attempt)
    return failed
