"""A person's calendar subscription: a secret link that works without a session cookie.

Only the token's hash is stored, so the link is shown once, when it is made; resetting
makes a new one and the old link stops working at once. The feed asks the access policy
on every request, so it never answers more than its owner may know at that moment.
"""

from __future__ import annotations

import secrets

from django.db import models, transaction
from django.utils import timezone

from secondtrack.accounts.models import User, hash_token


class CalendarLink(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_link")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "accounts"

    def __str__(self) -> str:
        return f"calendar link of {self.user_id}"


@transaction.atomic
def reset_link(user: User) -> str:
    """A new secret for the user's calendar link; the previous one stops working."""
    raw = secrets.token_urlsafe(32)
    CalendarLink.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(raw), "created": timezone.now()}
    )
    return raw


def owner_of(raw: str) -> User | None:
    """The active user whose link this is, or None."""
    link = CalendarLink.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if link is None or not link.user.is_active:
        return None
    return link.user
