"""Delivery pages: the reader's settings, connecting storage, and a delivery's progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from secondtrack.delivery import policy, selectors
from secondtrack.delivery.forms import ConsentForm, KindleAddressForm
from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services import DeliveryError, connections, kindle, retry_delivery
from secondtrack.delivery.services.errors import NeedsReconnect
from secondtrack.delivery.services.providers import PROVIDERS
from secondtrack.delivery.services.providers import disconnect as disconnect_provider


def _provider(provider: str):
    if provider not in PROVIDERS:
        raise Http404("No such provider.")
    return PROVIDERS[provider]


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    settings_url = reverse("delivery:settings")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings_url


def _provider_rows(user) -> list[dict]:
    rows = []
    for key, module in PROVIDERS.items():
        rows.append(
            {
                "key": key,
                "label": module.PROVIDER.label,
                "configured": module.is_configured(),
                "connection": selectors.connection_for(user, key),
                "consented": connections.has_consented(user, key),
            }
        )
    return rows


@login_required
def settings_page(request: HttpRequest, form: KindleAddressForm | None = None) -> HttpResponse:
    kindle_row = selectors.kindle_address_for(request.user)
    context = {
        "kindle_configured": kindle.is_configured(),
        "kindle_address": kindle_row,
        "sender": kindle.approved_sender(),
        "form": form or KindleAddressForm(initial={"address": kindle_row and kindle_row.address}),
        "providers": _provider_rows(request.user),
        "deliveries": selectors.deliveries_for(request.user)[:10],
        "policy_version": policy.POLICY_VERSION,
    }
    return render(request, "delivery/settings.html", context, status=400 if form else 200)


@login_required
@require_POST
def kindle_address(request: HttpRequest) -> HttpResponse:
    form = KindleAddressForm(request.POST)
    if not form.is_valid():
        return settings_page(request, form=form)
    kindle.set_kindle_address(request.user, form.cleaned_data["address"])
    messages.success(request, _("Your Kindle address is saved."))
    return redirect(_safe_next(request, request.POST.get("next")))


@login_required
@require_POST
def kindle_forget(request: HttpRequest) -> HttpResponse:
    kindle.forget_kindle_address(request.user)
    messages.success(request, _("Your Kindle address is removed."))
    return redirect("delivery:settings")


@login_required
def connect(request: HttpRequest, provider: str) -> HttpResponse:
    """Show the usage policy (agreed once per version), then send the reader to authorise."""
    module = _provider(provider)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    consented = connections.has_consented(request.user, provider)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and module.is_configured() and (consented or form.is_valid()):
        connections.record_consent(request.user, provider)
        redirect_uri = request.build_absolute_uri(reverse("delivery:callback", args=[provider]))
        return redirect(module.authorisation_url(request.session, redirect_uri, next_url))
    context = {
        "provider": provider,
        "label": module.PROVIDER.label,
        "configured": module.is_configured(),
        "consented": consented,
        "form": form,
        "next": next_url,
        "policy_title": policy.POLICY_TITLE,
        "policy_text": policy.POLICY_TEXT,
        "policy_version": policy.POLICY_VERSION,
    }
    response = render(request, "delivery/connect.html", context)
    # The form posts here and is redirected to the provider: Chromium checks that redirect
    # against form-action, so this page (and only this one) allows the provider's origin.
    response._csp_update = {"form-action": [module.authorisation_origin()]}
    return response


@login_required
def callback(request: HttpRequest, provider: str) -> HttpResponse:
    module = _provider(provider)
    redirect_uri = request.build_absolute_uri(reverse("delivery:callback", args=[provider]))
    try:
        connection, next_url = module.finish_authorisation(
            request.user, request.session, request.GET.dict(), redirect_uri
        )
    except NeedsReconnect as reason:
        messages.error(request, str(reason))
        return redirect("delivery:settings")
    messages.success(request, f"{module.PROVIDER.label} is connected: {connection.account_label}.")
    return redirect(_safe_next(request, next_url))


@login_required
@require_POST
def disconnect(request: HttpRequest, provider: str) -> HttpResponse:
    module = _provider(provider)
    if disconnect_provider(request.user, provider):
        messages.success(request, f"{module.PROVIDER.label} is disconnected.")
    return redirect("delivery:settings")


def _status_context(request: HttpRequest, delivery: Delivery) -> dict:
    return {
        "delivery": delivery,
        "can_retry": selectors.can_retry(delivery),
        "action": _next_step(delivery),
    }


def _next_step(delivery: Delivery) -> dict | None:
    """Where the reader goes to fix what blocks this delivery."""
    if delivery.status != Delivery.Status.NEEDS_RECONNECT:
        return None
    back = reverse("delivery:delivery", args=[delivery.id])
    if delivery.channel == Delivery.Channel.KINDLE:
        return {"url": reverse("delivery:settings") + "#kindle", "label": "Set your Kindle address"}
    url = reverse("delivery:connect", args=[delivery.channel]) + "?" + urlencode({"next": back})
    verb = "Reconnect" if selectors.connection_for(delivery.user, delivery.channel) else "Connect"
    return {"url": url, "label": f"{verb} {delivery.get_channel_display()}"}


@login_required
def delivery_page(request: HttpRequest, delivery_id) -> HttpResponse:
    delivery = selectors.delivery_for(request.user, delivery_id)
    return render(request, "delivery/delivery.html", _status_context(request, delivery))


@login_required
def delivery_status(request: HttpRequest, delivery_id) -> HttpResponse:
    delivery = selectors.delivery_for(request.user, delivery_id)
    return render(request, "delivery/_status.html", _status_context(request, delivery))


@login_required
@require_POST
def retry(request: HttpRequest, delivery_id) -> HttpResponse:
    try:
        retry_delivery(request.user, delivery_id)
    except DeliveryError as error:
        messages.error(request, str(error))
    return redirect("delivery:delivery", delivery_id=delivery_id)
