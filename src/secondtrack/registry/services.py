"""Writes to the registry. An import is one transaction: all of it lands, or none."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from secondtrack.core.registry_file import RegistryFile, parse_registry
from secondtrack.registry.models import Affiliation, Organisation, Person


@dataclass(frozen=True)
class ImportSummary:
    organisations: int
    people: int
    affiliations: int
    people_by_file_id: dict[str, Person]


@transaction.atomic
def import_registry(data: object) -> ImportSummary:
    """Load a registry file (design §5). Records are matched by their `id` in the file:
    importing again updates them, and replaces each listed person's affiliations.

    Raises `RegistryFileError` listing every problem before anything is written.
    """
    registry: RegistryFile = parse_registry(data)
    orgs: dict[str, Organisation] = {}
    for o in registry.organisations:
        orgs[o.id], _ = Organisation.objects.update_or_create(
            external_id=o.id,
            defaults={
                "name": o.name,
                "acronym": o.acronym,
                "country": o.country,
                "kind": o.kind,
                "government_funding": o.government_funding,
                "mandate": o.mandate,
            },
        )
    people: dict[str, Person] = {}
    affiliations = []
    for p in registry.people:
        person, _ = Person.objects.update_or_create(
            external_id=p.id,
            defaults={
                "name": p.name,
                "other_names": p.other_names,
                "honorific": p.honorific,
                "countries": p.countries,
                "gender": p.gender,
                "email": p.email,
                "titles": p.titles,
            },
        )
        people[p.id] = person
        person.affiliations.all().delete()
        affiliations.extend(
            Affiliation(
                person=person,
                organisation=orgs[a.organisation],
                role=a.role,
                kind=a.kind,
                start=a.start,
                end=a.end,
            )
            for a in p.affiliations
        )
    Affiliation.objects.bulk_create(affiliations)
    return ImportSummary(len(orgs), len(people), len(affiliations), people)
