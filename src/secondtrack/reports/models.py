"""Reports: drafted by a rapporteur, cleared by participants, published in immutable versions.

Review comments and approvals are kept under a keyed tag of their author (the key lives
outside the database, as for Chatham House sessions), so each reviewer sees their own
comments as theirs while everyone else, the convenor included, sees "a participant";
publishing destroys the key.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_token(raw: str) -> str:
    """Links that grant access are stored as hashes only."""
    return hashlib.sha256(raw.encode()).hexdigest()


def report_languages() -> list[tuple[str, str]]:
    """The languages a report may be written in: those of the interface (LANGUAGES)."""
    return list(settings.LANGUAGES)


def site_language() -> str:
    return settings.LANGUAGE_CODE


def language_field() -> models.CharField:
    return models.CharField(
        max_length=15,
        choices=report_languages,
        default=site_language,
        help_text=_(
            "The language the report is written in: its notices and headings are printed "
            "in it, and the attribution checker's replacements follow it."
        ),
    )


class Report(models.Model):
    class Kind(models.TextChoices):
        CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
        RAPPORTEURS_REPORT = "rapporteurs_report", _("Rapporteur's report")
        MEMORANDUM = "memorandum", _("Memorandum")
        PROCEEDINGS = "proceedings", _("Proceedings")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    class Visibility(models.TextChoices):
        MEETING = "meeting", _("members of the meeting")
        SERIES = "series", _("members of the series")
        PUBLIC = "public", _("public")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    series = models.ForeignKey("dialogues.Series", on_delete=models.CASCADE, related_name="reports")
    meeting = models.ForeignKey(
        "dialogues.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
        help_text=_("Empty for the proceedings of a whole series."),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text=_("Markdown."))
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default="meeting")
    language = language_field()
    review_deadline = models.DateField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ReportVersion(models.Model):
    """A published version: never changed after it is written."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField()
    visibility = models.CharField(max_length=10, choices=Report.Visibility.choices)
    language = language_field()  # the report's, when this version was published
    published_on = models.DateField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"


class ReviewComment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    excerpt = models.CharField(max_length=500, blank=True, help_text=_("The passage it is about."))
    text = models.TextField()
    tag = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 - null once published
    resolved = models.BooleanField(default=False)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"comment {self.id}"


class ReviewResponse(models.Model):
    """That a reviewer approved (or commented on) the circulated draft, by tag only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="responses")
    tag = models.CharField(max_length=64)
    approved = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "tag"], name="one_response_each")]

    def __str__(self) -> str:
        return "review response"


class Dismissal(models.Model):
    """A finding the rapporteur judged not identifying, by its category and matched text."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="dismissals")
    category = models.CharField(max_length=20)
    excerpt = models.CharField(max_length=300)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "category", "excerpt"], name="one_dismissal_each"
            )
        ]

    def __str__(self) -> str:
        return f"dismissed {self.category}"


class ClearanceOverride(models.Model):
    """A version published before its review cleared, by a convenor who said why."""

    version = models.OneToOneField(
        ReportVersion, on_delete=models.CASCADE, related_name="clearance_override"
    )
    convenor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    open_comments = models.PositiveIntegerField()
    review_deadline = models.DateField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"override of {self.version}"
