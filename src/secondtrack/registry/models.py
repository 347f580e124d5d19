"""The blended-identity registry: people, organisations and their many dated affiliations."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from secondtrack.core import officialness as rules


class Organisation(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", "university"
        THINK_TANK = "think_tank", "think tank"
        MINISTRY = "ministry", "ministry"
        ARMED_FORCES = "armed_forces", "armed forces"
        LEGISLATURE = "legislature", "legislature"
        MEDIA = "media", "media"
        INDUSTRY = "industry", "industry"
        NGO = "ngo", "NGO"
        INTERNATIONAL_ORGANISATION = "international_organisation", "international organisation"
        OTHER = "other", "other"

    class Mandate(models.TextChoices):
        INDEPENDENT = "independent", "independent"
        GOVERNMENT_AFFILIATED = "government_affiliated", "government-affiliated"
        MINISTRY_RESEARCH_ARM = "ministry_research_arm", "research arm of a ministry"
        GOVERNMENT_BODY = "government_body", "government body"

    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 alpha-2")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    government_funding = models.FloatField(
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Share of funding from governments, 0 to 1.",
    )
    mandate = models.CharField(max_length=30, choices=Mandate.choices, default="independent")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def as_linkage(self) -> rules.OrganisationLinkage:
        return rules.OrganisationLinkage(
            self.name, self.kind, self.mandate, self.government_funding
        )


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "f", "woman"
        MALE = "m", "man"
        OTHER = "x", "another gender"

    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    name = models.CharField(max_length=300)
    other_names = models.JSONField(
        default=list, blank=True, help_text="Names in other scripts and transliterations."
    )
    honorific = models.CharField(max_length=40, blank=True)
    countries = models.JSONField(default=list, blank=True, help_text="ISO alpha-2 codes.")
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    email = models.EmailField(blank=True)
    titles = models.JSONField(
        default=list, blank=True, help_text='How others describe them: "retired admiral".'
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    @property
    def primary_country(self) -> str:
        return self.countries[0] if self.countries else ""

    def officialness(self, when: date) -> rules.Officialness:
        facts = [a.as_fact() for a in self.affiliations.all()]
        return rules.officialness(facts, when)


class Affiliation(models.Model):
    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", "employment"
        ADVISORY = "advisory", "advisory"
        BOARD = "board", "board"
        HONORARY = "honorary", "honorary"

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
