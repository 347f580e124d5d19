"""Deploy checks of the account settings (`secondtrack manage check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def passkey_domain_served(app_configs, **kwargs) -> list[Warning]:
    """Passkeys are offered only at a host on SECONDTRACK_PASSKEY_DOMAIN: warn when no allowed
    host is, since then nobody can add or use one (the default, localhost, in production)."""
    domain = settings.OTP_WEBAUTHN_RP_ID
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS]
    if any(h == "*" or h == domain or h.endswith("." + domain) for h in hosts):
        return []
    return [
        Warning(
            f"No allowed host is on the passkey domain {domain!r}: passkeys cannot be used.",
            hint="Set SECONDTRACK_PASSKEY_DOMAIN to the site's domain and "
            "SECONDTRACK_PASSKEY_ORIGINS to its https:// origin (docs/operators.md).",
            id="secondtrack.W001",
        )
    ]
