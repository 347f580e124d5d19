"""The outbox of e-mail notices and each person's choice of what they receive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notice is about. Invitations (and Track One transmissions) are always sent."""

    INVITATION = "invitation", _("an invitation to a meeting")
    REMINDER = "reminder", _("a reminder two days before a meeting")
    SESSION_OPEN = "session_open", _("a session opening")
    REVIEW = "review", _("a draft report circulated for your review")
    PUBLICATION = "publication", _("a report published from your meeting")
    BALLOON = "balloon", _("a new trial balloon in your meeting")
    MEMORANDUM_RESPONSE = "memorandum_response", _("a Track One response to a memorandum")
    TRANSMISSION = "transmission", _("a memorandum transmitted to a Track One body")
    DIGEST = "digest", _("the daily digest")


# The kinds each person chooses for themselves; the others always go out at once.
CHOOSABLE = (
    Kind.REMINDER,
    Kind.SESSION_OPEN,
    Kind.REVIEW,
    Kind.PUBLICATION,
    Kind.BALLOON,
    Kind.MEMORANDUM_RESPONSE,
)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("by e-mail at once")
    DIGEST = "digest", _("in a daily digest")
    OFF = "off", _("not at all")


class Notice(models.Model):
    """One e-mail to send (pretix's OutgoingMail): written inside the caller's transaction,
    sent after it commits. The body is cleared once the mail has gone (it may carry a
    single-use link); ``last_error`` is a sentence about the mail server, never content."""

    recipient = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    delivery = models.CharField(
        max_length=10,
        choices=[(Delivery.IMMEDIATE, "at once"), (Delivery.DIGEST, "in the digest")],
        default=Delivery.IMMEDIATE,
    )
    # What the notice is about ("meeting:12"), so that reminders go to each person once.
    about = models.CharField(max_length=80, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    claimed = models.DateTimeField(null=True, blank=True)
    sent = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    digest = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="bundled"
    )

    class Meta:
        indexes = [
            models.Index(fields=["sent", "delivery"]),
            models.Index(fields=["kind", "about"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient}"


class Preference(models.Model):
    """How one person receives one kind of notice; no row means at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=[(k.value, k.label) for k in CHOOSABLE])
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
