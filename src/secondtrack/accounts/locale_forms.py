"""The person's own settings: the language pages are shown in and the time zone of times."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


@cache
def time_zones() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")


def language_choices() -> list[tuple[str, str]]:
    return [("", _("As my browser asks"))] + list(settings.LANGUAGES)


class LocaleForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        help_text=_("A place-based zone such as Asia/Tokyo or Europe/London; blank: UTC."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name and name not in time_zones():
            raise forms.ValidationError(
                _("“%(zone)s” is not a known time zone: pick one from the list, e.g. Asia/Seoul."),
                params={"zone": name},
            )
        return name


class LanguageSwitchForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
