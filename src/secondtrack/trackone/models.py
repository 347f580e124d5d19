"""From trial balloon to building block: Track One bodies, memoranda sent to them, and
their responses, per proposal. Nothing here names who floated or amended a proposal."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    """A Track One body that receives memoranda: a forum, a ministry, a working group."""

    class Kind(models.TextChoices):
        FORUM = "intergovernmental_forum", _("intergovernmental forum")
        MINISTRY = "ministry", _("ministry")
        WORKING_GROUP = "working_group", _("working group")

    series = models.ForeignKey("dialogues.Series", on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """One proposal of a memorandum, drawn from a trial balloon that reached consensus."""

    memorandum = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="proposals"
    )
    balloon = models.ForeignKey(
        "balloons.Balloon",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    arrangement = models.CharField(
        max_length=300, blank=True, help_text=_("The cooperative arrangement it led to, if any.")
    )
    arrangement_url = models.URLField(blank=True)

    class Meta:
        ordering = ["memorandum", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Transmission(models.Model):
    """A memorandum's published version sent to a body, with a read-only recipient link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(
        "reports.ReportVersion", on_delete=models.PROTECT, related_name="transmissions"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="transmissions")
    sent_on = models.DateField()
    token_hash = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField()
    revoked = models.BooleanField(default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on"]

    def __str__(self) -> str:
        return f"{self.version} to {self.body}"


class Response(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        UNDER_CONSIDERATION = "under_consideration", _("under consideration")
        NOTED = "noted", _("noted")
        ADOPTED_IN_PART = "adopted_in_part", _("adopted in part")
        ADOPTED = "adopted", _("adopted")
        DECLINED = "declined", _("declined")

    TAKEN_UP = (Status.ADOPTED, Status.ADOPTED_IN_PART)

    transmission = models.ForeignKey(
        Transmission, on_delete=models.CASCADE, related_name="responses"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(max_length=24, choices=Status.choices)
    on = models.DateField()
    note = models.CharField(max_length=500, blank=True, help_text=_("A short public note."))
    document_url = models.URLField(blank=True)
    by_recipient = models.BooleanField(default=False)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.on})"
