import zoneinfo

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from secondtrack.dialogues.models import Meeting, Participation, Series, Session
from secondtrack.registry.models import Organisation


class InviteForm(forms.Form):
    name = forms.CharField(
        max_length=300, help_text=_("As it should appear on the participant list.")
    )
    email = forms.EmailField()
    capacity = forms.ChoiceField(choices=Participation.Capacity.choices, initial="private")
    role = forms.ChoiceField(choices=Participation.Role.choices, initial="participant")


class NewPersonForm(InviteForm):
    """Someone the registry does not hold yet, with where they work."""

    country = forms.CharField(
        max_length=60, required=False, help_text=_("Two letters, such as JP.")
    )
    organisation = forms.CharField(
        max_length=300,
        required=False,
        help_text=_("An organisation already in the registry is reused."),
    )
    organisation_kind = forms.ChoiceField(
        choices=Organisation.Kind.choices, initial="other", required=False
    )
    job_title = forms.CharField(max_length=200, required=False)
    none_match = forms.BooleanField(
        required=False, label=_("None of the people found is this person")
    )

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip().upper()
        if value and not (len(value) == 2 and value.isalpha()):
            raise forms.ValidationError(_("Write the country as two letters, such as JP."))
        return value


class InviteExistingForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    email = forms.EmailField(required=False, help_text=_("Only if the registry has none on file."))
    capacity = forms.ChoiceField(choices=Participation.Capacity.choices, initial="private")
    role = forms.ChoiceField(choices=Participation.Role.choices, initial="participant")


class AcceptForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, min_length=10, strip=False)
    password_again = forms.CharField(widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise forms.ValidationError(
                _("The two passwords differ: type the same password twice.")
            )
        if data.get("password"):
            password_validation.validate_password(data["password"])
        return data


class ListingForm(forms.Form):
    listing = forms.ChoiceField(choices=Participation.Listing.choices, widget=forms.RadioSelect)


class SessionForm(forms.Form):
    title = forms.CharField(max_length=300)
    rule = forms.ChoiceField(choices=Session.Rule.choices, label=_("Rule"))


# The convenor's desk: series and meetings. The API validates through the same forms, so
# a page and an endpoint refuse the same input with the same sentences.

ORGANISATION_ERRORS = {
    "invalid_choice": _(
        "There is no organisation with that id in the registry: add it first, "
        "or choose one that exists."
    ),
    "invalid_pk_value": "“%(pk)s” is not an organisation id: send the registry's numeric id.",
}


def known_time_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "description"]
        error_messages = {"title": {"required": _("A series needs a title: name the dialogue.")}}


class MeetingForm(forms.ModelForm):
    """A meeting of one series: every field the track computation weighs, with sentences."""

    host_organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"),
        required=False,
        label=_("Host organisation"),
        error_messages=ORGANISATION_ERRORS,
    )
    co_hosts = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("name"),
        required=False,
        label=_("Co-hosts"),
        help_text=_("Other organisations that host with you (hold Ctrl or ⌘ to choose several)."),
        error_messages={
            **ORGANISATION_ERRORS,
            "invalid_choice": _(
                "There is no organisation with id %(value)s in the registry: "
                "remove it from the co-hosts or add the organisation first."
            ),
        },
    )
    country = forms.CharField(max_length=60, required=False, label=_("Country (ISO code)"))
    time_zone = forms.CharField(
        max_length=64,
        initial="UTC",
        label=_("Time zone"),
        help_text=_("IANA name of the venue's zone, e.g. Asia/Seoul."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "theme",
            "place",
            "country",
            "starts",
            "ends",
            "time_zone",
            "host_organisation",
            "co_hosts",
            "agenda_set_by",
            "invitations_routed",
            "outputs_to_track_one",
            "claimed_track",
            "listing_policy",
            "parent",
        ]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "theme": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title": _("Title"),
            "theme": _("Theme"),
            "place": _("Place"),
            "starts": _("Starts"),
            "ends": _("Ends"),
            "agenda_set_by": _("Who sets the agenda"),
            "invitations_routed": _("Invitations are routed"),
            "outputs_to_track_one": _("Outputs are addressed to Track One"),
            "claimed_track": _("Track the organiser claims"),
            "listing_policy": _("Participant names"),
            "parent": _("Side meeting of"),
        }
        error_messages = {
            "title": {"required": _("A meeting needs a title.")},
            "starts": {
                "required": _("Give the first day of the meeting (YYYY-MM-DD)."),
                "invalid": _("Give the first day as a date, YYYY-MM-DD."),
            },
            "ends": {
                "required": _("Give the last day of the meeting (YYYY-MM-DD)."),
                "invalid": _("Give the last day as a date, YYYY-MM-DD."),
            },
            "parent": {
                "invalid_choice": _(
                    "A side meeting hangs on a main meeting of the same series: "
                    "choose one of this series' meetings."
                )
            },
        }

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        parents = Meeting.objects.filter(series=series, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                f"“{name}” is not a time zone we know: use an IANA name such as Asia/Seoul, "
                "Europe/Berlin or UTC."
            )
        return name

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].strip().upper()
        if code and not (len(code) == 2 and code.isascii() and code.isalpha()):
            raise forms.ValidationError(
                f"“{code}” is not a country code: use two letters (ISO 3166), e.g. KR or JP."
            )
        return code

    def clean_parent(self) -> Meeting | None:
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and self.instance.side_meetings.exists():
            raise forms.ValidationError(
                "This meeting has side meetings of its own, so it cannot become a side meeting."
            )
        return parent

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error(
                "ends",
                f"The meeting ends ({ends:%Y-%m-%d}) before it starts ({starts:%Y-%m-%d}): "
                "give a last day on or after the first.",
            )
        return data

    def _post_clean(self) -> None:
        # The series is the page's, never the input's; set it before the model is checked.
        self.instance.series = self.series
        super()._post_clean()


class CloneForm(forms.Form):
    """The next round: a new title and dates; place defaults to the earlier meeting's."""

    title = forms.CharField(
        max_length=300, error_messages={"required": _("The new meeting needs a title.")}
    )
    starts = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the new meeting's first day (YYYY-MM-DD).")},
    )
    ends = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the new meeting's last day (YYYY-MM-DD).")},
    )
    place = forms.CharField(max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The meeting ends before it starts: give a later last day."))
        return data
