"""Contributions to a session. What is stored depends on the session's rule (design §3).

- on the record: the speaker is kept, with the time to the minute.
- Chatham House: no speaker; the author's id is sealed under a session key kept outside
  the database, so only the author can edit while the session is open; on close the key
  is destroyed and the seals dropped. No time is kept but the session's.
- non-attributable: no link is ever stored; the author's browser holds a capability whose
  hash alone is kept while the session is open.
- off the record: sealed as Chatham House, the text encrypted too; everything is deleted
  on close except, if the convenor records one, an agreed note.

In small non-attributed rooms (the rule's ``batches_release``), a new contribution is kept
back from the others (``released`` false) until it goes out in a shuffled batch; see
record/batches.py. Only the flag is stored, never a time.

Identifiers are random UUIDs and the record is listed by them, so neither reveals
posting order; on close the rows are rewritten in random order as well.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Contribution(models.Model):
    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("contribution")
        NOTE = "note", _("rapporteur's note of an intervention")
        AGREED_NOTE = "agreed_note", _("agreed note")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "dialogues.Session", on_delete=models.CASCADE, related_name="contributions"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default="contribution")
    text = models.TextField(blank=True)
    # Off the record only: the text encrypted under the session key while the session is open.
    sealed_text = models.BinaryField(null=True, blank=True)
    # On the record, or a statement whose speaker waived non-attribution for it.
    speaker = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Chatham House and off the record, while open: the author's id, sealed.
    seal = models.BinaryField(null=True, blank=True)
    # Non-attributable, while open: hash of the author's capability.
    capability_hash = models.CharField(max_length=64, blank=True, default="")
    # On the record only: when it was said.
    posted = models.DateTimeField(null=True, blank=True)
    edited = models.BooleanField(default=False)
    withdrawn = models.BooleanField(default=False)
    # False while the contribution waits, seen by its author alone, for its batch.
    released = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"contribution {self.id}"

    @property
    def attributed(self) -> bool:
        return self.speaker_id is not None
