"""Outbox, then send: rows written in the caller's transaction, mailed after it commits.

A rollback discards the rows and with them every mail; after the commit a task
(notifications/tasks.py) sends them, from the server's own threads or a `secondtrack
worker`, and tries again with back-off. A failure to reach the mail
server leaves the row unsent with a sentence in ``last_error`` and never raises into the
request; ``secondtrack manage send_notifications`` tries again. Logs name no one: they
carry notice ids, kinds and counts only.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from secondtrack.notifications.models import Delivery, Kind, Notice

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
CLAIM_MINUTES = 10  # a sender that died mid-send leaves its claim; another retakes it after


def put(
    *,
    recipient: str,
    kind: str,
    subject: str,
    body: str,
    user=None,
    about: str = "",
    delivery: str = Delivery.IMMEDIATE,
) -> Notice:
    """Write one notice into the outbox, inside the caller's transaction."""
    return Notice.objects.create(
        recipient=recipient,
        user=user,
        kind=kind,
        subject=subject[:300],
        body=body,
        about=about,
        delivery=delivery,
    )


def send_after_commit(notices: Iterable[Notice]) -> None:
    """Mail the immediate ones once the caller's transaction commits (at once outside
    one); a rollback sends nothing, and a failure never reaches the caller."""
    ids = [n.id for n in notices if n.delivery == Delivery.IMMEDIATE]
    if ids:
        from secondtrack import taskqueue
        from secondtrack.notifications.tasks import send_notices

        taskqueue.defer(send_notices, ids)  # the task queue, once this transaction commits


def unsent(ids: Iterable[int]) -> list[int]:
    return list(
        Notice.objects.filter(id__in=list(ids), sent__isnull=True).values_list("id", flat=True)
    )


def _claimable(now: datetime) -> Q:
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    return Q(sent__isnull=True, delivery=Delivery.IMMEDIATE, attempts__lt=MAX_ATTEMPTS) & (
        Q(claimed__isnull=True) | Q(claimed__lt=stale)
    )


def _claim(notice_id: int, now: datetime) -> bool:
    """Take one notice for this sender; several senders never mail the same row twice."""
    taken = Notice.objects.filter(_claimable(now), id=notice_id).update(claimed=now)
    return taken == 1


def send_pending(ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Send the immediate notices not yet sent (only ``ids``, if given) over one SMTP
    connection. Returns (sent, failed); never raises for a mail server's failure."""
    now = timezone.now()
    rows = Notice.objects.filter(_claimable(now)).order_by("id")
    if ids is not None:
        rows = rows.filter(id__in=list(ids))
    wanted = list(rows.values_list("id", flat=True))
    sent = failed = 0
    if not wanted:
        return 0, 0
    try:
        connection = get_connection(fail_silently=False, timeout=_timeout())
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded
        _record_failure(wanted, _sentence(error))
        log.warning("notifications: %d not sent: %s", len(wanted), _sentence(error))
        return 0, len(wanted)
    try:
        for notice_id in wanted:
            if not _claim(notice_id, now):
                continue
            if _send_one(notice_id, connection):
                sent += 1
            else:
                failed += 1
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            connection.close()
    if sent or failed:
        log.info("notifications: %d sent, %d left pending", sent, failed)
    return sent, failed


def _timeout() -> int:
    return getattr(settings, "EMAIL_TIMEOUT", None) or 10


def _send_one(notice_id: int, connection) -> bool:
    notice = Notice.objects.get(id=notice_id)
    message = EmailMessage(
        notice.subject,
        notice.body,
        settings.DEFAULT_FROM_EMAIL,
        [notice.recipient],
        connection=connection,
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - recorded as a sentence, retried later
        _record_failure([notice.id], _sentence(error))
        log.warning("notifications: notice %d (%s) not sent", notice.id, notice.kind)
        return False
    now = timezone.now()
    Notice.objects.filter(id=notice.id).update(
        sent=now, body="", claimed=None, attempts=F("attempts") + 1, last_error=""
    )
    Notice.objects.filter(digest_id=notice.id).update(sent=now)
    return True


def _record_failure(ids: list[int], sentence: str) -> None:
    Notice.objects.filter(id__in=ids).update(
        attempts=F("attempts") + 1, last_error=sentence[:300], claimed=None
    )


def _sentence(error: Exception) -> str:
    """What went wrong, for an operator: about the mail server, never the mail."""
    server = f"{settings.EMAIL_HOST or 'the mail server'}:{settings.EMAIL_PORT}"
    retry = "; send_notifications will try again."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"{server} refused the sign-in: check EMAIL_HOST_USER and EMAIL_HOST_PASSWORD{retry}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"{server} refused the recipient's address{retry}"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"{server} refused the sender DEFAULT_FROM_EMAIL{retry}"
    if isinstance(error, smtplib.SMTPException):
        return f"{server} refused the message ({type(error).__name__}){retry}"
    if isinstance(error, OSError):
        return f"Could not reach {server} ({type(error).__name__}){retry}"
    return f"Sending through {server} failed ({type(error).__name__}){retry}"


def bundle_digests(now: datetime | None = None) -> int:
    """Collect every person's unsent digest notices into one mail each (itself a notice
    in the outbox); the bundled rows count as sent when the digest is. Returns how many."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(
        delivery=Delivery.DIGEST, sent__isnull=True, digest__isnull=True, created__lte=now
    ).order_by("created", "id")
    by_recipient: dict[str, list[Notice]] = defaultdict(list)
    for notice in waiting:
        by_recipient[notice.recipient].append(notice)
    made = 0
    for recipient, notices in by_recipient.items():
        user = notices[0].user
        # in the recipient's language, as each notice in it was written
        with transaction.atomic(), translation.override(_language_of(user)):
            digest = put(
                recipient=recipient,
                user=user,
                kind=Kind.DIGEST,
                subject=_digest_subject(len(notices)),
                body=render_to_string(
                    "notifications/email/digest.txt", {"notices": notices, "day": now.date()}
                ),
            )
            Notice.objects.filter(id__in=[n.id for n in notices]).update(digest=digest, body="")
        made += 1
    return made


def _language_of(user) -> str:
    from secondtrack.accounts.middleware import person_language

    return (person_language(user) if user is not None else "") or settings.LANGUAGE_CODE


def _digest_subject(count: int) -> str:
    return ngettext(
        "secondtrack: your daily digest (%(count)d notice)",
        "secondtrack: your daily digest (%(count)d notices)",
        count,
    ) % {"count": count}


def prune(now: datetime | None = None) -> int:
    """Forget sent notices after SECONDTRACK_NOTIFICATIONS_KEEP_DAYS: an outbox, not an archive."""
    now = now or timezone.now()
    keep = timedelta(days=settings.SECONDTRACK_NOTIFICATIONS_KEEP_DAYS)
    deleted, _ = Notice.objects.filter(sent__lt=now - keep).delete()
    return deleted
