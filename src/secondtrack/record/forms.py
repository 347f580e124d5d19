from django import forms


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label="I understand that closing is irreversible: the record becomes read-only and "
        "the keys that let authors edit their contributions are destroyed.",
    )
    agreed_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Agreed note (off the record only): the one non-attributed text that survives.",
    )
