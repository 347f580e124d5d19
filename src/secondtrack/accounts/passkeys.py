"""Passkeys (WebAuthn) as a second factor, with django-otp-webauthn.

A passkey is a django-otp device like the authenticator app: after the password, a person
who has one presses "Use a passkey" on /login/code/ (or types the app's code, or a recovery
code), and /account/confirm/ accepts one before an act that cannot be taken back. A
convenor or platform admin satisfies the two-factor requirement with a passkey alone.

Passkeys are a second factor only (`OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False`): the
password step, throttled by axes, always comes first. The library's ceremony endpoints are
mounted under /account/passkeys/ (passkey_urls.py) through the small subclasses below: they
answer 401 to whoever has not signed in, name the new passkey, write the audit log, hand out
recovery codes with a first second factor, and count a passkey as a fresh authentication.
Its JavaScript is served from our own static files as ES modules, and its settings reach
the page as a JSON data block: nothing inline, nothing from another origin (CSP).

What is stored: the public key, the credential id, a counter, the authenticator's model id
(AAGUID) and the attestation the browser sent; no secret a thief could sign in with.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from secondtrack.accounts import reauth, twofactor
from secondtrack.audit import services as audit

NAME_LENGTH = 64
# Recovery codes made with a first passkey, shown once by the next two-factor page.
NEW_CODES_KEY = "secondtrack_new_recovery_codes"


def domain() -> str:
    """The domain passkeys belong to (the WebAuthn relying party id)."""
    return settings.OTP_WEBAUTHN_RP_ID


def usable_at(request: HttpRequest) -> bool:
    """Whether this page's address is on the passkeys' domain (a browser refuses otherwise:
    at http://127.0.0.1:8000 passkeys need http://localhost:8000 instead)."""
    host, _port = split_domain_port(request.get_host())
    return bool(host) and (host == domain() or host.endswith("." + domain()))


# The status lines of the library's scripts (they call a global `gettext`): our module
# (static/secondtrack/passkeys.js) answers it from this table, translated on the server and
# passed in a JSON data block, so they are in our django.po and no script catalogue is needed.
SCRIPT_WORDS = (
    gettext_noop("Verify with Passkey"),
    gettext_noop("Verifying..."),
    gettext_noop("Verification failed. Could not retrieve parameters from the server."),
    gettext_noop("Verification aborted."),
    gettext_noop("Verification canceled or not allowed."),
    gettext_noop("Verification failed. An unknown error occurred."),
    gettext_noop("Finishing verification..."),
    gettext_noop("Verification failed. An unknown server error occurred."),
    gettext_noop("Verification failed. A server error occurred."),
    gettext_noop("Verification successful!"),
    gettext_noop("An error occurred during verification."),
    gettext_noop("Register a Passkey"),
    gettext_noop("Registering..."),
    gettext_noop("Registration failed. Unable to fetch registration options from server."),
    gettext_noop("Registration aborted."),
    gettext_noop(
        "Registration failed. You most likely already have a Passkey registered for this site."
    ),
    gettext_noop("Registration aborted or not allowed."),
    gettext_noop(
        "Registration failed. A technical problem occurred that prevents you from registering "
        "a Passkey for this site."
    ),
    gettext_noop("Registration failed. An unknown error occurred."),
    gettext_noop("Finishing registration..."),
    gettext_noop("Registration failed. The server was unable to verify this passkey."),
    gettext_noop("Registration failed. A server error occurred."),
    gettext_noop("Registration successful!"),
    gettext_noop("An error occurred during registration."),
)


def page_config(request: HttpRequest, *, confirming: bool = False) -> dict:
    """What the library's script reads from the page's `otp_webauthn_config` data block."""
    complete = reverse("otp_webauthn:credential-authentication-complete")
    return {
        "autocompleteLoginFieldSelector": None,  # no passwordless sign-in
        "nextFieldSelector": "main input[name='next']",  # not the language switcher's
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("otp_webauthn:credential-authentication-begin"),
        "completeAuthenticationUrl": complete + ("?confirm=1" if confirming else ""),
        "beginRegistrationUrl": reverse("otp_webauthn:credential-registration-begin"),
        "completeRegistrationUrl": reverse("otp_webauthn:credential-registration-complete"),
    }


def script_words() -> dict[str, str]:
    return {word: gettext(word) for word in SCRIPT_WORDS}


def page_context(request: HttpRequest, *, confirming: bool = False) -> dict:
    """For a template that offers passkeys: whether they can work at this address, and the
    data blocks its scripts read."""
    here = usable_at(request)
    return {
        "passkeys_here": here,
        "passkey_domain": domain(),
        "passkey_config": page_config(request, confirming=confirming) if here else None,
        "passkey_words": script_words() if here else None,
    }


class PasskeyHelper(WebAuthnHelper):
    """The library's helper, accepting the request's own origin when it is on the domain
    (the port of a test server or a second instance need not be listed)."""

    def get_allowed_origins(self) -> list[str]:
        origins = list(super().get_allowed_origins())
        own = f"{self.request.scheme}://{self.request.get_host()}"
        if usable_at(self.request) and own not in origins:
            origins.append(own)
        return origins


def passkeys_of(user) -> QuerySet[WebAuthnCredential]:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user) -> bool:
    return passkeys_of(user).exists()


def passkey_of(user, passkey_id) -> WebAuthnCredential | None:
    """One of the caller's own passkeys (None for anyone else's, or a bad id)."""
    try:
        return passkeys_of(user).get(pk=int(passkey_id))
    except (TypeError, ValueError, WebAuthnCredential.DoesNotExist):
        return None


def clean_name(name: str) -> str:
    return " ".join((name or "").split())[:NAME_LENGTH]


def rename(credential: WebAuthnCredential, name: str) -> bool:
    name = clean_name(name)
    if not name:
        return False
    credential.name = name
    credential.save(update_fields=["name"])
    return True


def added(user, credential: WebAuthnCredential, first: bool) -> list[str] | None:
    """After the browser's registration: a default name, the audit entry and, when this is
    the account's first second factor, fresh recovery codes (returned, to show once)."""
    with transaction.atomic():
        if not credential.name:
            count = passkeys_of(user).count()
            credential.name = clean_name(gettext("Passkey %(n)s") % {"n": count})
            credential.save(update_fields=["name"])
        audit.record(user, "passkey_added", target=credential, detail=f"passkey {credential.pk}")
        return twofactor.new_recovery_codes(user) if first else None


def remove(user, credential: WebAuthnCredential) -> None:
    with transaction.atomic():
        pk = credential.pk
        credential.delete()
        audit.record(user, "passkey_removed", detail=f"passkey {pk}")
        if not twofactor.has_second_factor(user):
            twofactor.forget_recovery_codes(user)


class SignInFirst(exceptions.OTPWebAuthnApiError):
    status_code = 401
    default_detail = _("Sign in with your password first, then use your passkey.")
    default_code = "not_signed_in"


class _SignedIn:
    """Every ceremony here is for a signed-in account: 401 for anyone else."""

    request: HttpRequest

    def initial(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise SignInFirst()
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class RegistrationBegin(_SignedIn, BeginCredentialRegistrationView):
    pass


class RegistrationComplete(_SignedIn, CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        user = self.request.user
        first = not twofactor.has_second_factor(user)
        response = super().post(*args, **kwargs)
        credential = passkeys_of(user).get(pk=json.loads(response.content)["id"])
        codes = added(user, credential, first)
        if codes:
            self.request.session[NEW_CODES_KEY] = codes
            reauth.mark_fresh(self.request)  # as confirming a first authenticator app does
        return response


class AuthenticationBegin(_SignedIn, BeginCredentialAuthenticationView):
    pass


class AuthenticationComplete(_SignedIn, CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        reauth.mark_fresh(self.request)  # a passkey confirms it is you, as a code does
        if self.request.GET.get("confirm"):  # from /account/confirm/ (see page_config)
            messages.success(self.request, gettext(reauth.CONFIRMED))
