from __future__ import annotations

from django import forms

from secondtrack.notifications.models import CHOOSABLE, Delivery


class PreferencesForm(forms.Form):
    """One choice per kind of notice: at once, in the daily digest, or not at all."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label[0].upper() + kind.label[1:],
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=Delivery.IMMEDIATE,
            )
