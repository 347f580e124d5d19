"""The blended-identity registry: people, organisations and their many dated affiliations."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secondtrack.core import officialness as rules
from secondtrack.core import registry_match

APP_SOURCE = "app"  # records created in the product itself, not by an import


def new_external_id() -> str:
    return uuid.uuid4().hex


class Sourced(models.Model):
    """A record's identity outside this database: the source it came from (an import's
    name, or "app") and its id there. Ids are local to their source, so two files that
    both say "p1" describe two people."""

    source = models.CharField(max_length=60, default=APP_SOURCE)
    external_id = models.CharField(max_length=100, default=new_external_id)

    class Meta:
        abstract = True


class Organisation(Sourced):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        THINK_TANK = "think_tank", _("think tank")
        MINISTRY = "ministry", _("ministry")
        ARMED_FORCES = "armed_forces", _("armed forces")
        LEGISLATURE = "legislature", _("legislature")
        MEDIA = "media", _("media")
        INDUSTRY = "industry", _("industry")
        NGO = "ngo", _("NGO")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
        OTHER = "other", _("other")

    class Mandate(models.TextChoices):
        INDEPENDENT = "independent", _("independent")
        GOVERNMENT_AFFILIATED = "government_affiliated", _("government-affiliated")
        MINISTRY_RESEARCH_ARM = "ministry_research_arm", _("research arm of a ministry")
        GOVERNMENT_BODY = "government_body", _("government body")

    class Portfolio(models.TextChoices):
        FOREIGN_AFFAIRS = "foreign_affairs", _("foreign affairs")
        DEFENCE = "defence", _("defence")
        OTHER = "other", _("another portfolio")

    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    other_names = models.JSONField(
        default=list, blank=True, help_text=_("Other names and acronyms, in any script.")
    )
    portfolio = models.CharField(
        max_length=20,
        choices=Portfolio.choices,
        blank=True,
        help_text=_("For a ministry or government body: what it is responsible for."),
    )
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166 alpha-2"))
    kind = models.CharField(max_length=30, choices=Kind.choices)
    government_funding = models.FloatField(
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Share of funding from governments, 0 to 1."),
    )
    mandate = models.CharField(max_length=30, choices=Mandate.choices, default="independent")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="organisation_unique_in_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def keys(self) -> set[str]:
        return registry_match.organisation_keys(self.name, self.acronym, self.other_names)

    def as_linkage(self) -> rules.OrganisationLinkage:
        return rules.OrganisationLinkage(
            self.name, self.kind, self.mandate, self.government_funding
        )


class Person(Sourced):
    class Gender(models.TextChoices):
        FEMALE = "f", _("woman")
        MALE = "m", _("man")
        OTHER = "x", _("another gender")

    name = models.CharField(max_length=300)
    other_names = models.JSONField(
        default=list, blank=True, help_text=_("Names in other scripts and transliterations.")
    )
    honorific = models.CharField(max_length=40, blank=True)
    countries = models.JSONField(default=list, blank=True, help_text=_("ISO alpha-2 codes."))
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    email = models.EmailField(blank=True)
    titles = models.JSONField(
        default=list, blank=True, help_text='How others describe them: "retired admiral".'
    )
    sector = models.CharField(
        max_length=30,
        choices=Organisation.Kind.choices,
        blank=True,
        help_text=_("The sector they belong to whatever their affiliations say."),
    )
    published_names = models.JSONField(
        default=list, blank=True, help_text=_("Names they publish or are quoted under.")
    )
    former_roles = models.JSONField(
        default=list,
        blank=True,
        help_text='Past posts outside the registry\'s organisations: [{"role", "start", "end"}].',
    )
    # Every word of every name form, folded (core/registry_match.search_text): the invite
    # search looks here. Kept up to date by save().
    search_text = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="person_unique_in_source"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def name_forms(self) -> list[str]:
        return [self.name, *self.other_names, *self.published_names]

    def refresh_search_text(self) -> None:
        self.search_text = registry_match.search_text(self.name_forms, self.countries)

    @property
    def primary_country(self) -> str:
        return self.countries[0] if self.countries else ""

    def officialness(self, when: date) -> rules.Officialness:
        facts = [a.as_fact() for a in self.affiliations.all()]
        return rules.officialness(facts, when)


class Affiliation(models.Model):
    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", _("employment")
        ADVISORY = "advisory", _("advisory")
        BOARD = "board", _("board")
        HONORARY = "honorary", _("honorary")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="affiliations"
    )
    role = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default="employment")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="affiliation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role or self.kind}, {self.organisation}"

    def as_fact(self) -> rules.AffiliationFact:
        return rules.AffiliationFact(
            self.organisation.as_linkage(), self.kind, self.role, self.start, self.end
        )

    def active_on(self, when: date) -> bool:
        return self.as_fact().active_on(when)


class Source(models.Model):
    """A named source of imported records: re-importing it updates its own records."""

    name = models.CharField(max_length=60, unique=True)
    file_name = models.CharField(max_length=300, blank=True, help_text=_("The last file imported."))
    imported = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Merge(models.Model):
    """One person's record folded into another's. Convenors who see the survivor see this;
    it names the records, never anything anyone said."""

    survivor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=300)
    merged_source = models.CharField(max_length=60)
    merged_external_id = models.CharField(max_length=100)
    moved = models.JSONField(default=dict, help_text=_("What moved: counts by kind."))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_name} merged into {self.survivor}"


class Breach(models.Model):
    """A breach of a session's rule, recorded by a convenor for their series. Shown to the
    series' convenors when the person is invited again; never exported with the registry."""

    series = models.ForeignKey(
        "dialogues.Series", on_delete=models.CASCADE, related_name="breaches"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="breaches")
    what = models.TextField(help_text=_("What happened, without quoting anyone."))
    occurred = models.DateField(help_text=_("When it happened."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred", "-id"]
        verbose_name_plural = "breaches"

    def __str__(self) -> str:
        return f"breach on {self.occurred}"
