"""Reading the audit log: a series' entries, for its convenors only (the policy decides)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext

from secondtrack.audit.models import AuditEntry
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Series
from secondtrack.dialogues.selectors import series_for

MAX_ENTRIES = 1000


def audited_series(user, series_id: int) -> Series:
    """The series, for those who convene it (and platform admins): 404 for whoever may not
    know it exists, 403 for its members and analysts."""
    return series_for(user, series_id, need=Can.CONVENE)


def entries_for(series: Series, limit: int = 200) -> QuerySet[AuditEntry]:
    limit = max(1, min(limit, MAX_ENTRIES))
    return AuditEntry.objects.filter(series=series).select_related("actor")[:limit]


def actor_label(entry: AuditEntry) -> str:
    if entry.actor is None:
        return gettext("secondtrack (timetable or command line)")
    return entry.actor.display_name or entry.actor.email
