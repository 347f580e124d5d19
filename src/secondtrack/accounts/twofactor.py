"""Two-factor sign-in with django-otp: an authenticator app (TOTP), passkeys (WebAuthn,
accounts/passkeys.py) and recovery codes.

Who must use a second factor is the access policy's decision
(`access.standing.requires_second_factor`: convenors and platform admins). Anyone else may
enrol; once enrolled, their sign-in asks for the code (or a passkey) too. Signing in is two
steps: the password (Django's login page, throttled by axes), then a code or a passkey at
/login/code/. Until the
code is given, `SecondFactorMiddleware` lets the session reach only the sign-in, enrolment
and sign-out pages; someone who must have a second factor and has none is sent to enrol.

Recovery codes are django-otp's static device: ten single-use codes, shown once, stored
hashed by nobody but django-otp (as plain rows: treat the database as holding them).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

import segno
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from secondtrack.access.standing import requires_second_factor
from secondtrack.audit import services as audit

RECOVERY_CODES = 10
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def has_second_factor(user) -> bool:
    """A confirmed authenticator app or a passkey (recovery codes alone do not count)."""
    return has_app(user) or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def has_app(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def must_give_code(user) -> bool:
    """Whether this signed-in user's session needs a code before it reaches the product."""
    if not user.is_authenticated:
        return False
    return has_second_factor(user) or requires_second_factor(user)


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG (no script, no style attribute, no network)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def clean_code(code: str) -> str:
    return "".join((code or "").split()).lower()


def confirm_totp(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm enrolment with the app's current code: mark the session verified and return
    fresh recovery codes; None when the code is wrong (nothing changes)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(clean_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ten new single-use ones; returned once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user, code: str):
    """The confirmed device (app or recovery code) that accepts the code, or None. Each
    device's own throttling (django-otp: growing delays after failures) applies."""
    code = clean_code(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return device
    return None


def remove_app(user) -> None:
    """Forget the authenticator app (and the recovery codes, when no passkey is left)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        if not has_second_factor(user):
            forget_recovery_codes(user)


def forget_recovery_codes(user) -> None:
    StaticDevice.objects.filter(user=user).delete()


def remove_second_factor(user) -> None:
    """Forget the app, the passkeys and the recovery codes (only for users the policy does
    not require)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        for pk in WebAuthnCredential.objects.filter(user=user).values_list("pk", flat=True):
            audit.record(user, "passkey_removed", detail=f"passkey {pk}")
        WebAuthnCredential.objects.filter(user=user).delete()
        forget_recovery_codes(user)


def safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Paths a signed-in session may reach before its second step.
OPEN_PREFIXES = ("/login/", "/logout/", "/account/", "/static/", "/api/", "/favicon.ico")


class SecondFactorMiddleware:
    """After OTPMiddleware: a session that must give a code and has not is sent to the code
    page (or, with no authenticator yet, to enrolment), keeping where it was going."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not user.is_verified()
            and must_give_code(user)
        ):
            page = "login_code" if has_second_factor(user) else "two_factor"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(page)}?{query}")
        return self.get_response(request)


def enrol_for_demo(user) -> tuple[str, list[str]]:
    """For `secondtrack demo` only: give the account a confirmed authenticator and recovery
    codes, and return the key (base32) and the codes to print. Never for real accounts."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
    return secret_text(device).replace(" ", ""), new_recovery_codes(user)
