"""Save to Kindle: e-mail the file to the reader's Send-to-Kindle address."""

from __future__ import annotations

import smtplib
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage

from secondtrack.delivery.models import Delivery, KindleAddress, validate_kindle_address
from secondtrack.delivery.services.errors import (
    DeliveryError,
    DeliveryFailed,
    NeedsReconnect,
    Unreachable,
)

UNREACHABLE = (
    "The mail server could not be reached or refused the message. Nothing is lost: "
    "press Retry in a moment."
)

MAX_BYTES = 50 * 1024 * 1024  # Amazon's limit for one e-mailed document
FORMATS = {"epub", "pdf", "doc", "docx", "txt", "rtf", "htm", "html"}


def is_configured() -> bool:
    """Kindle needs real outgoing mail: without EMAIL_HOST the platform only writes files."""
    return bool(settings.EMAIL_HOST)


def sender_address() -> str:
    return settings.DEFAULT_FROM_EMAIL


def approved_sender() -> str:
    """The bare address readers add to Amazon's approved list, without a display name."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def set_kindle_address(user, address: str) -> KindleAddress:
    address = (address or "").strip().lower()
    validate_kindle_address(address)
    row, _ = KindleAddress.objects.update_or_create(user=user, defaults={"address": address})
    return row


def forget_kindle_address(user) -> None:
    KindleAddress.objects.filter(user=user).delete()


def check_file(filename: str, size: int) -> None:
    if filename.rsplit(".", 1)[-1].lower() not in FORMATS:
        raise DeliveryError("Kindle reads EPUB or PDF: choose one of those formats to send.")
    if size > MAX_BYTES:
        raise DeliveryError("This file is larger than Kindle accepts by e-mail (50 MB).")


def send(delivery: Delivery, data: bytes, progress) -> str:
    row = KindleAddress.objects.filter(user=delivery.user).first()
    try:
        validate_kindle_address(row.address if row else "")
    except ValidationError:
        raise NeedsReconnect(
            "Enter your Kindle address on your delivery settings page, then press Retry."
        )
    progress(30, "Sending the e-mail to your Kindle address.")
    message = EmailMessage(
        subject=delivery.title,
        body="Sent from secondtrack. The document is attached.",
        from_email=sender_address(),
        to=[row.address],
        # Fixed before the first attempt (runner.run): a resend after a crash carries the same.
        headers={"Message-ID": delivery.message_id} if delivery.message_id else None,
    )
    message.attach(delivery.filename, data, delivery.mimetype)
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryFailed(
            "The mail server refused your Kindle address. Check it on your delivery settings "
            "page, then press Retry."
        )
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500:  # refused for good: trying again changes nothing
            raise DeliveryFailed(
                "The mail server refused the message. Nothing is lost: tell the platform's "
                "operator, then press Retry."
            )
        raise Unreachable(UNREACHABLE, "The mail server")
    except (smtplib.SMTPException, OSError):
        raise Unreachable(UNREACHABLE, "The mail server")
    return (
        f"Sent to {row.address}. It arrives within minutes if {approved_sender()} is on your "
        "Approved Personal Document E-mail List; otherwise Amazon discards it, so add the "
        "address and press Retry."
    )
