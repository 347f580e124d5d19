"""The person's own notification choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from secondtrack.notifications import selectors, services
from secondtrack.notifications.forms import PreferencesForm


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.set_preferences(request.user, form.cleaned_data)
            messages.success(request, _("Your notification choices are saved."))
            return redirect("notifications:preferences")
        status = 400
    else:
        form = PreferencesForm(initial=selectors.preferences_for(request.user))
        status = 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
