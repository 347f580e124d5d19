"""Accounts: people who can log in, and their API tokens. There is no open sign-up."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. `person` links it to the registry entry it speaks for, if any."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=200, blank=True)
    person = models.OneToOneField(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("Platform admin: may use the admin."))
    is_analyst = models.BooleanField(default=False, help_text=_("Sees aggregates only."))
    date_joined = models.DateTimeField(default=timezone.now)
    language = models.CharField(
        max_length=16,
        blank=True,
        help_text=_(
            "The language pages are shown in (a code from LANGUAGES); blank: the browser's."
        ),
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("The IANA time zone times are shown in, e.g. Asia/Tokyo; blank: UTC."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._password_changed = True

    def save(self, *args, **kwargs) -> None:
        """A new password revokes every API token issued under the old one (web sessions
        end too: Django ties them to the password hash)."""
        super().save(*args, **kwargs)
        if getattr(self, "_password_changed", False):
            self._password_changed = False
            self.api_tokens.all().delete()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()

    def __str__(self) -> str:
        return f"API token of {self.user_id}"

    @classmethod
    def issue(cls, user: User, days: int) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            key_hash=hash_token(raw),
            expires=timezone.now() + timedelta(days=days),
        )
        return raw


from secondtrack.accounts.calendar import CalendarLink  # noqa: E402, F401  (its own module)
