"""Editing registry records: list fields are written one entry per line."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from secondtrack.registry.models import Organisation, Person


class LinesField(forms.CharField):
    """A list of text, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class FormerRolesField(forms.CharField):
    """Past posts, one per line: "Ambassador to Vietnam | 2015-01-01 | 2019-06-30" (the
    dates may be left out)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if not isinstance(value, list):
            return value
        lines = []
        for r in value:
            dates = [r.get("start") or "", r.get("end") or ""]
            lines.append(" | ".join([r["role"], *dates]) if any(dates) else r["role"])
        return "\n".join(lines)

    def to_python(self, value) -> list[dict]:
        roles = []
        for n, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > 3 or not parts[0]:
                raise forms.ValidationError(
                    _("Line %(n)s: write “role | start | end”, the dates as YYYY-MM-DD."),
                    params={"n": n},
                )
            dates = []
            for raw in (parts[1:] + ["", ""])[:2]:
                try:
                    dates.append(date.fromisoformat(raw).isoformat() if raw else None)
                except ValueError:
                    raise forms.ValidationError(
                        _("Line %(n)s: %(raw)s is not a date written as YYYY-MM-DD."),
                        params={"n": n, "raw": raw},
                    ) from None
            if dates[0] and dates[1] and dates[1] < dates[0]:
                raise forms.ValidationError(
                    _("Line %(n)s: the end comes before the start."), params={"n": n}
                )
            roles.append({"role": parts[0][:200], "start": dates[0], "end": dates[1]})
        return roles


class PersonForm(forms.ModelForm):
    other_names = LinesField(required=False, help_text=_("In any script, one per line."))
    published_names = LinesField(required=False, help_text=_("Bylines and pen names."))
    titles = LinesField(required=False, help_text=_("How others describe them."))
    former_roles = FormerRolesField(
        required=False, help_text=_("One per line: role | start | end (YYYY-MM-DD).")
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "honorific",
            "other_names",
            "published_names",
            "email",
            "gender",
            "sector",
            "titles",
            "former_roles",
        ]


class OrganisationForm(forms.ModelForm):
    other_names = LinesField(
        required=False, help_text=_("Other names and acronyms in any script, one per line.")
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "other_names",
            "country",
            "kind",
            "portfolio",
            "mandate",
            "government_funding",
        ]


class MergeForm(forms.Form):
    merged = forms.IntegerField(label=_("Record to fold into this one (its number)"), min_value=1)
