"""Translating the words core/ hands to templates (see accounts/core_strings.py)."""

from __future__ import annotations

import re

from django import template
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

register = template.Library()

_FEWER = re.compile(r"^fewer than (\d+)$")
_COUNTED = {  # core's phrases with a number in them -> their msgid
    re.compile(r"^(\d+) short$"): "%(n)s short",
    re.compile(r"^(\d+) over$"): "%(n)s over",
    re.compile(r"^(\d+) % government funded$"): "%(n)s %% government funded",
}
_MANDATE = re.compile(r"^mandate: (?P<mandate>[a-z -]+)$")
_STATE = re.compile(r"^(?P<kind>[a-z ]+) \(part of the state\)$")


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
    found = _MANDATE.match(text)
    if found:  # core/officialness.py's reasons for a linkage
        return gettext("mandate: %(mandate)s") % {"mandate": gettext(found["mandate"])}
    found = _STATE.match(text)
    if found:
        return gettext("%(kind)s (part of the state)") % {"kind": gettext(found["kind"])}
    return gettext(text) if text else text


# core/track.py explains a meeting's track in English sentences built from counts; these
# are those sentences' shapes, so a page can say them in the reader's language.
_N = r"(?P<{}>\d+)"
_TRACK = re.compile(r"^Track (?P<track>[0-9.]+): (?P<body>.*)$", re.S)
_BODIES = [
    (
        re.compile(r"^nobody has accepted yet, so the label follows the setting\.$"),
        gettext_noop("nobody has accepted yet, so the label follows the setting."),
    ),
    (
        re.compile(r"^nobody has accepted yet; (?P<reasons>.+)\.$"),
        gettext_noop("nobody has accepted yet; %(reasons)s."),
    ),
    (
        re.compile(
            rf"^{_N.format('n')} of {_N.format('total')} participants attend in an official "
            r"capacity — at least half, so this is an official meeting\.$"
        ),
        gettext_noop(
            "%(n)s of %(total)s participants attend in an official capacity — at least half, "
            "so this is an official meeting."
        ),
    ),
    (
        re.compile(
            rf"^no serving officials and only {_N.format('linked')} of {_N.format('total')} "
            r"participants have any government link; outputs are not addressed to officials\.$"
        ),
        gettext_noop(
            "no serving officials and only %(linked)s of %(total)s participants have any "
            "government link; outputs are not addressed to officials."
        ),
    ),
    (
        re.compile(
            r"^non-governmental, agenda set independently; (?P<detail>.+) "
            rf"\({_N.format('linked')} of {_N.format('total')} have some government link\)\.$"
        ),
        gettext_noop(
            "non-governmental, agenda set independently; %(detail)s (%(linked)s of %(total)s "
            "have some government link)."
        ),
    ),
    (re.compile(r"^(?P<reasons>.+)\.$"), gettext_noop("%(reasons)s.")),
]
_PARTS = [
    (re.compile(r"^no serving officials attend$"), gettext_noop("no serving officials attend")),
    (
        re.compile(
            rf"^{_N.format('n')} of {_N.format('total')} participants are serving officials, "
            r"all in a private capacity$"
        ),
        gettext_noop(
            "%(n)s of %(total)s participants are serving officials, all in a private capacity"
        ),
    ),
    (
        re.compile(
            rf"^{_N.format('n')} of {_N.format('total')} participants attend in an official "
            r"capacity$"
        ),
        gettext_noop("%(n)s of %(total)s participants attend in an official capacity"),
    ),
    (re.compile(r"^officials set the agenda$"), gettext_noop("officials set the agenda")),
    (
        re.compile(r"^the agenda is co-organised with a government body$"),
        gettext_noop("the agenda is co-organised with a government body"),
    ),
    (
        re.compile(r"^invitations were routed through governments$"),
        gettext_noop("invitations were routed through governments"),
    ),
]
_SERVING = re.compile(
    rf"^{_N.format('n')} of {_N.format('total')} participants are serving officials"
    rf"(?: \({_N.format('private')} attending in a private capacity\))?"
    rf"(?: and {_N.format('quasi')} more work for government-mandated or -funded bodies)?"
    rf", {_N.format('pct')} % of the table$"
)


def _part(text: str) -> str | None:
    for pattern, msgid in _PARTS:
        found = pattern.match(text)
        if found:
            return gettext(msgid) % found.groupdict()
    found = _SERVING.match(text)
    if found:
        said = gettext("%(n)s of %(total)s participants are serving officials") % found.groupdict()
        if found["private"]:
            said += gettext(" (%(private)s attending in a private capacity)") % found.groupdict()
        if found["quasi"]:
            said += (
                gettext(" and %(quasi)s more work for government-mandated or -funded bodies")
                % found.groupdict()
            )
        return said + gettext(", %(pct)s %% of the table") % found.groupdict()
    return None


def _reasons(text: str) -> str | None:
    parts = [_part(p) for p in text.split("; ")]
    if any(p is None for p in parts):
        return None
    return gettext("; ").join(parts)  # type: ignore[arg-type]


@register.filter
def track_explanation(text) -> str:
    """core/track.py's explanation in the active language (as it is when not understood)."""
    text = str(text)
    if not text.startswith("Track ") or (translation.get_language() or "en").startswith("en"):
        return text
    top = _TRACK.match(text)
    if not top:
        return text
    body = top["body"]
    for pattern, msgid in _BODIES:
        found = pattern.match(body)
        if not found:
            continue
        values = found.groupdict()
        if "reasons" in values:
            values["reasons"] = _reasons(values["reasons"])
            if values["reasons"] is None:
                continue
        if "detail" in values:
            values["detail"] = _part(values["detail"])
            if values["detail"] is None:
                continue
        said = gettext(msgid) % values
        return gettext("Track %(track)s: %(explanation)s") % {
            "track": top["track"],
            "explanation": said,
        }
    return text
