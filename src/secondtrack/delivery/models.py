"""Where a reader's copies go: their Kindle address, their connected storage, each delivery."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

KINDLE_DOMAINS = ("kindle.com", "free.kindle.com")


def validate_kindle_address(address: str) -> None:
    """Only Amazon's Send-to-Kindle addresses: a copy must never go to an ordinary inbox."""
    message = (
        "Enter your Send-to-Kindle address: it ends in @kindle.com or @free.kindle.com. "
        "You find it in your Amazon account under Manage Your Content and Devices, "
        "Preferences, Personal Document Settings."
    )
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(message, code="invalid") from None
    if address.rsplit("@", 1)[1].lower() not in KINDLE_DOMAINS:
        raise ValidationError(message, code="not_kindle")


class Provider(models.TextChoices):
    DROPBOX = "dropbox", _("Dropbox")
    GDRIVE = "gdrive", _("Google Drive")


class KindleAddress(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kindle_address"
    )
    address = models.EmailField(validators=[validate_kindle_address])
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.address

    @property
    def free_over_wifi_only(self) -> bool:
        return self.address.lower().endswith("@free.kindle.com")


class PolicyConsent(models.Model):
    """The reader agreed to the usage policy of this version for this provider, at this time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_consents"
    )
    provider = models.CharField(max_length=20, choices=Provider.choices)
    version = models.CharField(max_length=40)
    agreed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "provider", "version"], name="one_consent_per_policy_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} policy {self.version}"


class Connection(models.Model):
    """An authorisation to write to a reader's storage. Tokens are Fernet-encrypted (crypto.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_connections"
    )
    provider = models.CharField(max_length=20, choices=Provider.choices)
    access_token_sealed = models.TextField()
    refresh_token_sealed = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    account_label = models.CharField(max_length=200, blank=True)
    connected_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="one_connection_per_provider")
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} connection"


class Delivery(models.Model):
    """One file on its way to one place, with what the reader should know about it."""

    class Channel(models.TextChoices):
        KINDLE = "kindle", _("Kindle")
        DROPBOX = "dropbox", _("Dropbox")
        GDRIVE = "gdrive", _("Google Drive")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        NEEDS_RECONNECT = "needs_reconnect", _("Needs your action")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    filename = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    mimetype = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    # Crash safety (services/runner.py): the claim of the process running it, renewed with
    # each progress step and taken over once older than the lease; the Message-ID fixed
    # before the first send; the moment the file was handed over, before anything else.
    heartbeat = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    handed_over = models.DateTimeField(null=True, blank=True)
    done_message = models.TextField(blank=True)
    # A file made by the task rather than the request (a proceedings PDF): the dotted path
    # of a function and its ids, called with them by the runner before sending.
    source = models.JSONField(default=dict, blank=True)
    # Tries the runner made by itself after the service could not be reached, and when the
    # next one is due (None when none is waiting).
    auto_retries = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.filename} to {self.get_channel_display()}"

    @property
    def is_settled(self) -> bool:
        """True once nothing more will happen without the reader: polling can stop."""
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.NEEDS_RECONNECT}


class PendingFile(models.Model):
    """The file of an unfinished delivery, encrypted, kept for retry and deleted on success."""

    delivery = models.OneToOneField(
        Delivery, on_delete=models.CASCADE, primary_key=True, related_name="pending_file"
    )
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return f"file for {self.delivery_id}"
