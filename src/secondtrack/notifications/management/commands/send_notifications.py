"""Send what the outbox holds; run it from cron or a systemd timer.

secondtrack manage send_notifications            # every few minutes: retries, reminders
secondtrack manage send_notifications --digest   # once a day: the daily digests too
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from secondtrack.notifications import outbox, services


class Command(BaseCommand):
    help = "Send pending notifications and due meeting reminders; with --digest, the daily digests."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--digest", action="store_true", help="also bundle and send each person's daily digest"
        )

    def handle(self, *args, digest: bool = False, **options) -> None:
        now = timezone.now()
        reminders = len(services.notify_due_reminders(now))
        digests = outbox.bundle_digests(now) if digest else 0
        sent, failed = outbox.send_pending()
        pruned = outbox.prune(now)
        self.stdout.write(
            f"{sent} sent, {failed} left pending; {reminders} reminders, {digests} digests "
            f"queued; {pruned} old notices forgotten."
        )
