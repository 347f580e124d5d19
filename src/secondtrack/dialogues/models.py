"""Series, meetings, sessions and who takes part in them, in what capacity."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secondtrack.core import delegation, policy


class Series(models.Model):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    convening_organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convened_series",
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


class SeriesRole(models.Model):
    """Staff roles held for a whole series: convenors run it, analysts see aggregates only."""

    class Role(models.TextChoices):
        CONVENOR = "convenor", _("convenor")
        ANALYST = "analyst", _("analyst")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="series_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "user", "role"], name="one_role_per_series_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} of {self.series}"


class Meeting(models.Model):
    class Track(models.TextChoices):
        ONE = "1", _("Track 1")
        ONE_AND_A_HALF = "1.5", _("Track 1.5")
        TWO = "2", _("Track 2")
        THREE = "3", _("Track 3")

    class Agenda(models.TextChoices):
        INDEPENDENT = "independent", _("independent convenor")
        CO_ORGANISED = "co_organised", _("co-organised with a government body")
        GOVERNMENT = "government", _("set by officials or a ministry")

    class Routing(models.TextChoices):
        CONVENOR = "convenor", _("by the convenor")
        GOVERNMENTS = "governments", _("through governments")

    class Listing(models.TextChoices):
        LISTED = "listed", _("names listed to members")
        UNLISTED = "unlisted", _("names not listed unless a participant agrees")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="side_meetings",
        help_text=_("The main meeting of which this is a side meeting."),
    )
    title = models.CharField(max_length=300)
    theme = models.TextField(blank=True)
    place = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    host_organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
    )
    starts = models.DateField()
    ends = models.DateField()
    time_zone = models.CharField(
        max_length=64, default="UTC", help_text=_("IANA time zone of the venue, e.g. Asia/Seoul.")
    )
    co_hosts = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="co_hosted_meetings"
    )
    claimed_track = models.CharField(max_length=3, choices=Track.choices, default="2")
    agenda_set_by = models.CharField(max_length=20, choices=Agenda.choices, default="independent")
    invitations_routed = models.CharField(
        max_length=20, choices=Routing.choices, default="convenor"
    )
    outputs_to_track_one = models.BooleanField(default=False)
    listing_policy = models.CharField(max_length=10, choices=Listing.choices, default="unlisted")

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    # The rules and their properties are the policy's (core/policy.py): one place.
    Rule = models.TextChoices(
        "Rule", [(r.name, (r.value, _(spec.label))) for r, spec in policy.RULES.items()]
    )

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=300, help_text=_("The agenda item."))
    rule = models.CharField(max_length=20, choices=Rule.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default="open")
    starts = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(default=60)
    room = models.CharField(max_length=200, blank=True)
    facilitator = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "starts", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Refuse a changed rule once the stored session has started (design §5)."""
        if self.pk is not None:
            stored = Session.objects.filter(pk=self.pk).first()
            if stored is not None and stored.rule != self.rule and stored.rule_locked:
                raise RuleLocked(RuleLocked.SENTENCE)
        super().save(*args, **kwargs)

    @property
    def spec(self) -> policy.RuleSpec:
        """What this session's rule keeps and shows (core/policy.py)."""
        return policy.rule(self.rule)

    @property
    def ends(self) -> datetime | None:
        return self.starts + timedelta(minutes=self.duration_minutes) if self.starts else None

    @property
    def started(self) -> bool:
        """Open, closed, or due: a session without a start opens at once and has started."""
        due = self.starts is not None and self.starts <= timezone.now()
        return due or self.status != self.Status.SCHEDULED

    @property
    def rule_locked(self) -> bool:
        """A session's rule is fixed once it has started (design §5)."""
        return self.started


class RuleLocked(ValidationError):
    """A changed rule on a session that has started or closed."""

    SENTENCE = (
        "The rule of a session is locked once the session has started: participants spoke "
        "under it. Add a new session for a different rule."
    )


class Participation(models.Model):
    """A person's invitation to and attendance at one meeting."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        ATTENDED = "attended", _("attended")
        REVOKED = "revoked", _("membership revoked")
        DRAFT = "draft", _("on the draft invitation list (not yet invited)")

    class Capacity(models.TextChoices):
        PRIVATE = "private", _("private capacity")
        OFFICIAL = "official", _("official capacity")
        OBSERVER = "observer", _("observer")

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        RAPPORTEUR = "rapporteur", _("rapporteur")
        FACILITATOR = "facilitator", _("facilitator")
        OBSERVER = "observer", _("observer")
        YOUNG_LEADER_OBSERVER = "young_leader_observer", _("young-leader observer")
        TRACK_ONE_OBSERVER = "track_one_observer", _("Track One observer (listening only)")
        FUNDER = "funder", _("funder (aggregates only)")

    class Listing(models.TextChoices):
        DEFAULT = "default", _("as the meeting's policy says")
        LISTED = "listed", _("show my name and affiliation to other members")
        UNLISTED = "unlisted", _("do not show my name to other members")

    MEMBER_STATUSES = (Status.ACCEPTED, Status.ATTENDED)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="participations"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default="invited")
    capacity = models.CharField(max_length=10, choices=Capacity.choices, default="private")
    role = models.CharField(max_length=30, choices=Role.choices, default="participant")
    listed_affiliation = models.ForeignKey(
        "registry.Affiliation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing = models.CharField(max_length=10, choices=Listing.choices, default="default")

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_participation_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"

    @property
    def is_member(self) -> bool:
        return self.status in self.MEMBER_STATUSES

    @property
    def shown_to_members(self) -> bool:
        if self.listing == self.Listing.DEFAULT:
            return self.meeting.listing_policy == Meeting.Listing.LISTED
        return self.listing == self.Listing.LISTED


def hash_invitation_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use, expiring link sent by e-mail. Only the token's hash is stored."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The address came from the registry, not from the convenor: until the person accepts
    # it is not shown to a convenor who may not see their record (issue 12).
    address_from_registry = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"invitation to {self.participation.meeting}"

    @property
    def usable(self) -> bool:
        return self.used is None and self.expires > timezone.now()


class DelegationTarget(models.Model):
    """How many of one kind of seat a convenor wants per country in the series' meetings
    (core/delegation.py): "one foreign-ministry official from each country"."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="delegation")
    country = models.CharField(
        max_length=2, blank=True, help_text=_("ISO alpha-2; blank for every country.")
    )
    category = models.CharField(max_length=20, choices=delegation.CATEGORIES)
    count = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["country", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "country", "category"], name="one_target_per_seat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.get_category_display()} ({self.country or 'each'})"
