from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from secondtrack.delivery.models import validate_kindle_address
from secondtrack.delivery.policy import POLICY_VERSION


class KindleAddressForm(forms.Form):
    address = forms.CharField(
        label=_("Your Send-to-Kindle address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"placeholder": "name_abc123@kindle.com", "size": 36}),
    )

    def clean_address(self) -> str:
        address = self.cleaned_data["address"].strip().lower()
        validate_kindle_address(address)
        return address


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=f"I have read and agree to this usage policy (version {POLICY_VERSION}).",
        error_messages={"required": "Tick the box to agree to the policy before connecting."},
    )
