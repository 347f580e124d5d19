from django import forms
from django.utils.translation import gettext_lazy as _


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label=_(
            "I understand that closing is irreversible: the record becomes read-only and "
            "the keys that let authors edit their contributions are destroyed."
        ),
    )
    agreed_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Agreed note (off the record only): the one non-attributed text that survives."),
    )
