"""The audit log: what convenors and admins did (created, invited, changed a rule, closed,
published, transmitted, merged, exported, revoked; a passkey added to or removed from one's
own account), by whom and when.

Never what anyone said or voted: an entry names its actor, an action, the series and the
object acted on (by type and id), and a short description made by the service from fixed
words and ids, never from contributions, statements, votes or report text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    SERIES_CREATED = "series_created", _("created the series")
    MEETING_CREATED = "meeting_created", _("created a meeting")
    SESSION_CREATED = "session_created", _("created a session")
    INVITED = "invited", _("invited someone")
    RULE_CHANGED = "rule_changed", _("changed a session's rule")
    SESSION_CLOSED = "session_closed", _("closed a session")
    PUBLISHED = "published", _("published a report")
    TRANSMITTED = "transmitted", _("transmitted a memorandum")
    MERGED = "merged", _("merged people in the registry")
    REGISTRY_EXPORTED = "registry_exported", _("exported the registry")
    REVOKED = "revoked", _("revoked access")
    PASSKEY_ADDED = "passkey_added", _("added a passkey")
    PASSKEY_REMOVED = "passkey_removed", _("removed a passkey")


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="who did it; empty for the system (a timetable, a command line)",
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    series = models.ForeignKey(
        "dialogues.Series",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["series", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
