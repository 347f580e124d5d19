"""The person's language and time zone for each request.

Language: the one chosen on the profile, else the switcher's cookie (a visitor who is not
logged in), else the browser's Accept-Language, else LANGUAGE_CODE; Django's LocaleMiddleware
does the last three. Time zone: the one chosen on the profile, else the server's (UTC).
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation


def person_language(user) -> str:
    """The supported language the person chose, or "" when they left it to the browser."""
    code = getattr(user, "language", "") if getattr(user, "is_authenticated", False) else ""
    if not code:
        return ""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return ""


def person_zone(user) -> zoneinfo.ZoneInfo | None:
    name = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class PersonLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        code = person_language(getattr(request, "user", None))
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)
        zone = person_zone(getattr(request, "user", None))
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        timezone.deactivate()
        return response


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)
