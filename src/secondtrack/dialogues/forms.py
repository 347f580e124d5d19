from django import forms
from django.contrib.auth import password_validation

from secondtrack.dialogues.models import Participation, Session


class InviteForm(forms.Form):
    name = forms.CharField(max_length=300, help_text="As it should appear on the participant list.")
    email = forms.EmailField()
    capacity = forms.ChoiceField(choices=Participation.Capacity.choices, initial="private")
    role = forms.ChoiceField(choices=Participation.Role.choices, initial="participant")


class AcceptForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, min_length=10, strip=False)
    password_again = forms.CharField(widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise forms.ValidationError("The two passwords differ: type the same password twice.")
        if data.get("password"):
            password_validation.validate_password(data["password"])
        return data


class ListingForm(forms.Form):
    listing = forms.ChoiceField(choices=Participation.Listing.choices, widget=forms.RadioSelect)


class SessionForm(forms.Form):
    title = forms.CharField(max_length=300)
    rule = forms.ChoiceField(choices=Session.Rule.choices)
