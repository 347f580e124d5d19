"""Translating the words core/ hands to templates (see accounts/core_strings.py)."""

from __future__ import annotations

import re

from django import template
from django.utils.translation import gettext

register = template.Library()

_FEWER = re.compile(r"^fewer than (\d+)$")
_COUNTED = {  # core's phrases with a number in them -> their msgid
    re.compile(r"^(\d+) short$"): "%(n)s short",
    re.compile(r"^(\d+) over$"): "%(n)s over",
}


@register.filter
def core_label(value) -> str:
    """The active language's word for an English label from core/, or the value as it is."""
    text = str(value)
    fewer = _FEWER.match(text)
    if fewer:
        return gettext("fewer than %(k)s") % {"k": fewer.group(1)}
    for pattern, msgid in _COUNTED.items():
        found = pattern.match(text)
        if found:
            return gettext(msgid) % {"n": found.group(1)}
    return gettext(text) if text else text
