"""The person's own language and time zone: the settings page and the header's switcher."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secondtrack.accounts.locale_forms import LanguageSwitchForm, LocaleForm, time_zones


def _remember_language(response: HttpResponse, code: str) -> None:
    if code:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's switcher: for anyone (the sign-in page too); a signed-in person's choice
    is kept on their profile, so it follows them to other browsers."""
    form = LanguageSwitchForm(request.POST)
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if not form.is_valid():
        return response
    code = form.cleaned_data["language"]
    if request.user.is_authenticated:
        request.user.language = code
        request.user.save(update_fields=["language"])
    _remember_language(response, code)
    return response


@login_required
def locale_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = LocaleForm(request.POST)
        if form.is_valid():
            user.language = form.cleaned_data["language"]
            user.time_zone = form.cleaned_data["time_zone"]
            user.save(update_fields=["language", "time_zone"])
            code = user.language or translation.get_language_from_request(request)
            translation.activate(code)
            request.LANGUAGE_CODE = translation.get_language()
            messages.success(request, _("Your language and time zone are saved."))
            response = redirect(reverse("locale:settings"))
            _remember_language(response, user.language)
            return response
        status = 400
    else:
        form = LocaleForm(initial={"language": user.language, "time_zone": user.time_zone})
        status = 200
    return render(
        request,
        "accounts/locale_settings.html",
        {"form": form, "time_zones": time_zones(), "now": timezone.now()},
        status=status,
    )
