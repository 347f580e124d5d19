"""The first answer to a POST that carried an idempotency key, to give again on a retry.

The row is named by a keyed digest of who asked (the session's user or the API token),
the path, the client's key and the request body, so it names no one: without the client's
random key nobody can tell whose it is. The answer is encrypted with a key derived from the
client's key, so the table alone (a backup) reads as noise; it is forgotten after a day.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

KEEP = timedelta(hours=24)


class Answer(models.Model):
    digest = models.CharField(max_length=64, primary_key=True)  # unique: one answer per key
    status = models.PositiveSmallIntegerField(default=0)  # 0 while the first request runs
    sealed = models.BinaryField(default=b"")
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"answer {self.status}"


def prune() -> int:
    deleted, _ = Answer.objects.filter(created__lt=timezone.now() - KEEP).delete()
    return deleted
