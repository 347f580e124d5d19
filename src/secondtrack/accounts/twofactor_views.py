"""The account's own security pages: the second sign-in step, two-factor enrolment, and
confirming it is you before an act that cannot be taken back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from secondtrack.access.standing import requires_second_factor
from secondtrack.accounts import reauth, twofactor
from secondtrack.accounts.throttling import Limit, throttled_page

WRONG_CODE = (
    "That code is not right: check your authenticator app's current code, or use a recovery code."
)


def _reauth_limit() -> Limit:
    return Limit("reauth", 5, 15 * 60)


@login_required
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the authenticator's code, or a recovery code."""
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
    context = {"error": error, "next": target}
    return render(request, "accounts/login_code.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code and key), confirm it with a code, see and renew
    recovery codes, or (when the policy does not require it) turn the second factor off."""
    user = request.user
    required = requires_second_factor(user)
    enrolled = twofactor.has_second_factor(user)
    if enrolled and not user.is_verified():
        return redirect("login_code")
    action = request.POST.get("action", "")
    codes: list[str] | None = None
    error = ""
    if request.method == "POST" and action == "confirm" and not enrolled:
        device = twofactor.pending_totp(user)
        codes = twofactor.confirm_totp(request, device, request.POST.get("code", ""))
        if codes is None:
            error = "That code is not right: type the six digits your app shows now."
        else:
            reauth.mark_fresh(request)
            enrolled = True
    elif request.method == "POST" and action == "new_codes" and enrolled:
        codes = twofactor.new_recovery_codes(user)
    elif request.method == "POST" and action == "remove" and enrolled:
        if required:
            messages.error(request, "Your role requires a second factor: it cannot be removed.")
        elif not reauth.is_recent(request):
            messages.info(request, reauth.sentence("turn off the second factor", api=False))
            return redirect(reauth.confirm_url(request))
        else:
            twofactor.remove_second_factor(user)
            messages.success(request, "The second factor is off: sign-in asks for a password only.")
        return redirect("two_factor")
    context = {
        "required": required,
        "enrolled": enrolled,
        "codes": codes,
        "codes_left": twofactor.recovery_codes_left(user) if enrolled else 0,
        "error": error,
        "next": twofactor.safe_next(request, ""),
    }
    if not enrolled:
        device = twofactor.pending_totp(user)
        context.update(qr=twofactor.qr_svg(device), secret=twofactor.secret_text(device))
    return render(request, "accounts/two_factor.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm it is you (password, or a code) before an act that cannot be taken back."""
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
            messages.success(request, "Thank you. Now do it again: it will go through.")
            return redirect(target)
        limit.hit(key)
        error = "That password or code is not right. Check it and try again."
    context = {
        "error": error,
        "next": target,
        "minutes": reauth.minutes(),
        "has_code": twofactor.has_second_factor(user),
    }
    return render(request, "accounts/confirm.html", context, status=400 if error else 200)
