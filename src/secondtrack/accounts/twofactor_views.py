"""The account's own security pages: the second sign-in step (a code or a passkey),
two-factor enrolment (an authenticator app, passkeys, recovery codes), and confirming it is
you before an act that cannot be taken back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from secondtrack.access.standing import requires_second_factor
from secondtrack.accounts import passkeys, reauth, twofactor
from secondtrack.accounts.throttling import Limit, throttled_page

WRONG_CODE = (
    "That code is not right: check your authenticator app's current code, or use a recovery code."
)


def _reauth_limit() -> Limit:
    return Limit("reauth", 5, 15 * 60)


@login_required
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the authenticator's code, a recovery code, or a passkey
    (its ceremony is at /account/passkeys/, which marks the session verified)."""
    user = request.user
    target = twofactor.safe_next(request)
    if not twofactor.has_second_factor(user):
        return redirect("two_factor")
    if user.is_verified():
        return redirect(target)
    error = ""
    if request.method == "POST":
        device = twofactor.verify_code(user, request.POST.get("code", ""))
        if device is None:
            error = WRONG_CODE
        else:
            otp_login(request, device)
            reauth.mark_fresh(request)
            if device.name == twofactor.RECOVERY_NAME:
                left = twofactor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. Make new ones on the "
                    "two-factor page if you are running low.",
                )
            return redirect(target)
    context = {"error": error, "next": target, "has_app": twofactor.has_app(user)}
    if passkeys.has_passkey(user):
        context.update(has_passkey=True, **passkeys.page_context(request))
    return render(request, "accounts/login_code.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """The account's second factors: passkeys (add, name, remove), an authenticator app
    (QR code and key, confirmed with a code), recovery codes, and (when the policy does not
    require it) turning the second factor off. Removing anything needs a recent sign-in."""
    user = request.user
    enrolled = twofactor.has_second_factor(user)
    if enrolled and not user.is_verified():
        return redirect("login_code")
    # recovery codes made with a first passkey (passkeys.RegistrationComplete), shown once
    codes: list[str] | None = request.session.pop(passkeys.NEW_CODES_KEY, None)
    error = ""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "confirm" and not twofactor.has_app(user):
        device = twofactor.pending_totp(user)
        codes = twofactor.confirm_totp(request, device, request.POST.get("code", ""))
        if codes is None:
            error = "That code is not right: type the six digits your app shows now."
        else:
            reauth.mark_fresh(request)
            enrolled = True
    elif action == "new_codes" and enrolled:
        codes = twofactor.new_recovery_codes(user)
    elif action == "rename_passkey":
        return _rename_passkey(request)
    elif action in ("remove", "remove_app", "remove_passkey") and enrolled:
        return _remove(request, action)
    return render(
        request,
        "accounts/two_factor.html",
        _two_factor_context(request, codes, error),
        status=400 if error else 200,
    )


def _two_factor_context(request: HttpRequest, codes: list[str] | None, error: str) -> dict:
    user = request.user
    enrolled = twofactor.has_second_factor(user)
    context = {
        "required": requires_second_factor(user),
        "enrolled": enrolled,
        "has_app": twofactor.has_app(user),
        "passkeys": list(passkeys.passkeys_of(user)),
        "codes": codes,
        "codes_left": twofactor.recovery_codes_left(user) if enrolled else 0,
        "error": error,
        "next": twofactor.safe_next(request, ""),
        **passkeys.page_context(request),
    }
    if not context["has_app"]:
        device = twofactor.pending_totp(user)
        context.update(qr=twofactor.qr_svg(device), secret=twofactor.secret_text(device))
    return context


def _rename_passkey(request: HttpRequest) -> HttpResponse:
    credential = passkeys.passkey_of(request.user, request.POST.get("passkey"))
    if credential is None:
        raise Http404
    if passkeys.rename(credential, request.POST.get("name", "")):
        messages.success(request, gettext("The passkey is renamed."))
    else:
        messages.error(request, gettext("Give the passkey a name (up to 64 characters)."))
    return redirect("two_factor")


def _remove(request: HttpRequest, action: str) -> HttpResponse:
    """Turn everything off, or remove the app or one passkey; never a required person's last
    second factor, and only with a recent sign-in."""
    user = request.user
    required = requires_second_factor(user)
    credential = None
    if action == "remove_passkey":
        credential = passkeys.passkey_of(user, request.POST.get("passkey"))
        if credential is None:
            raise Http404
    others_left = {
        "remove": False,
        "remove_app": passkeys.has_passkey(user),
        "remove_passkey": twofactor.has_app(user) or passkeys.passkeys_of(user).count() > 1,
    }[action]
    if required and not others_left:
        messages.error(
            request,
            gettext(
                "Your role requires a second factor: add another passkey or an authenticator "
                "app before removing this one."
            )
            if action != "remove"
            else "Your role requires a second factor: it cannot be removed.",
        )
        return redirect("two_factor")
    if not reauth.is_recent(request):
        what = {
            "remove": "turn off the second factor",
            "remove_app": "remove the authenticator app",
            "remove_passkey": "remove a passkey",
        }[action]
        messages.info(request, reauth.sentence(what, api=False))
        return redirect(reauth.confirm_url(request))
    if action == "remove":
        twofactor.remove_second_factor(user)
        messages.success(request, "The second factor is off: sign-in asks for a password only.")
    elif action == "remove_app":
        twofactor.remove_app(user)
        messages.success(request, gettext("The authenticator app is removed."))
    else:
        passkeys.remove(user, credential)
        messages.success(request, gettext("The passkey is removed."))
    return redirect("two_factor")


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm it is you (password, a code or a passkey) before an act that cannot be taken
    back."""
    user = request.user
    target = twofactor.safe_next(request)
    limit = _reauth_limit()
    key = str(user.pk)
    wait = limit.paused_for(key)
    if wait:
        return throttled_page(request, wait)
    error = ""
    if request.method == "POST":
        code = request.POST.get("code", "")
        password = request.POST.get("password", "")
        device = twofactor.verify_code(user, code) if code else None
        if device is not None or (password and user.check_password(password)):
            if device is not None:
                otp_login(request, device)
            reauth.mark_fresh(request)
            messages.success(request, gettext(reauth.CONFIRMED))
            return redirect(target)
        limit.hit(key)
        error = "That password or code is not right. Check it and try again."
    context = {
        "error": error,
        "next": target,
        "minutes": reauth.minutes(),
        "has_code": twofactor.has_second_factor(user),
        "has_app": twofactor.has_app(user),
    }
    if passkeys.has_passkey(user):
        context.update(has_passkey=True, **passkeys.page_context(request, confirming=True))
    return render(request, "accounts/confirm.html", context, status=400 if error else 200)
