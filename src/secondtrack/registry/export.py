"""The registry as an interchange file (design §5), so that it round-trips: importing the
export changes nothing. Each record carries its `source`, and its id is prefixed by it
("ima:p1") so that ids stay unique in a file holding several sources. Breaches and merges
are never exported."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from secondtrack.registry.models import Organisation, Person


def _ref(record: Organisation | Person) -> str:
    return f"{record.source}:{record.external_id}"


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def organisation_record(org: Organisation) -> dict[str, Any]:
    return {
        "id": _ref(org),
        "source": org.source,
        "name": org.name,
        "acronym": org.acronym,
        "other_names": list(org.other_names),
        "country": org.country,
        "kind": org.kind,
        "portfolio": org.portfolio,
        "government_funding": org.government_funding,
        "mandate": org.mandate,
    }


def person_record(person: Person) -> dict[str, Any]:
    return {
        "id": _ref(person),
        "source": person.source,
        "name": person.name,
        "other_names": list(person.other_names),
        "published_names": list(person.published_names),
        "honorific": person.honorific,
        "countries": list(person.countries),
        "gender": person.gender,
        "email": person.email,
        "titles": list(person.titles),
        "sector": person.sector,
        "former_roles": [dict(r) for r in person.former_roles],
        "affiliations": [
            {
                "organisation": _ref(a.organisation),
                "role": a.role,
                "kind": a.kind,
                "start": _day(a.start),
                "end": _day(a.end),
            }
            for a in person.affiliations.all()
        ],
    }


def export_registry(
    people: QuerySet[Person], organisations: Iterable[Organisation] = ()
) -> dict[str, Any]:
    """`people` with their affiliations, and the organisations they are affiliated with
    and any others given in `organisations`."""
    people = list(
        people.prefetch_related("affiliations__organisation").order_by("source", "external_id")
    )
    orgs: dict[int, Organisation] = {
        a.organisation.id: a.organisation for p in people for a in p.affiliations.all()
    }
    for org in organisations:
        orgs.setdefault(org.id, org)
    ordered = sorted(orgs.values(), key=lambda o: (o.source, o.external_id))
    return {
        "organisations": [organisation_record(o) for o in ordered],
        "people": [person_record(p) for p in people],
    }
