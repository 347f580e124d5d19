"""Writes to the registry. An import is one transaction: all of it lands, or none.

A file's ids are local to its *source* (``--source NAME``, by default the file's name):
re-importing a source updates that source's records and never touches another's. A new
record that looks like someone already in the registry from another source (the same
e-mail, or a shared name form with an organisation in common) is created beside them and
reported as a possible duplicate; merging is a convenor's decision (``merge_people``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from secondtrack.core import registry_match
from secondtrack.core.registry_file import (
    SOURCE_NAME,
    SOURCE_RULE,
    OrganisationRecord,
    PersonRecord,
    RegistryFile,
    RegistryFileError,
    parse_registry,
)
from secondtrack.registry.models import APP_SOURCE, Affiliation, Organisation, Person, Source


@dataclass(frozen=True)
class Duplicate:
    file_id: str
    name: str
    existing: Person
    reason: str

    def describe(self) -> str:
        e = self.existing
        return (
            f"{self.file_id} ({self.name}) may be person {e.id} ({e.name}, source {e.source}"
            f" id {e.external_id}): {self.reason}; not merged"
        )


@dataclass
class ImportSummary:
    source: str
    created: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "people": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "people": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "people": 0})
    affiliations: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    people_by_file_id: dict[str, Person] = field(default_factory=dict)
    dry_run: bool = False

    # The counts earlier callers read.
    @property
    def people(self) -> int:
        return len(self.people_by_file_id)

    @property
    def organisations(self) -> int:
        return sum(counts["organisations"] for counts in self.counts())

    def counts(self) -> tuple[dict[str, int], ...]:
        return self.created, self.updated, self.unchanged

    def lines(self) -> list[str]:
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} source {self.source!r}:"]
        for kind in ("people", "organisations"):
            out.append(
                f"  {kind}: {self.created[kind]} new, {self.updated[kind]} updated,"
                f" {self.unchanged[kind]} unchanged"
            )
        out.append(f"  affiliations: {self.affiliations}")
        if self.duplicates:
            out.append(f"  {len(self.duplicates)} possible duplicate(s), created separately:")
            out.extend(f"    {d.describe()}" for d in self.duplicates)
        if self.dry_run:
            out.append("Nothing was written (--dry-run).")
        return out


class _DryRun(Exception):
    """Raised at the end of a dry run to roll the transaction back."""


def check_source_name(name: str) -> str:
    if not SOURCE_NAME.fullmatch(name) or name == APP_SOURCE:
        rule = "is reserved for records made in the product: name your source otherwise"
        raise RegistryFileError(
            [f"--source: {name!r} {rule if name == APP_SOURCE else SOURCE_RULE}"]
        )
    return name


def import_registry(
    data: object, source: str = "import", *, file_name: str = "", dry_run: bool = False
) -> ImportSummary:
    """Load a registry file (design §5) as `source`. Raises `RegistryFileError` listing
    every problem before anything is written; with `dry_run` nothing is written at all and
    the summary says what would have been."""
    check_source_name(source)
    registry: RegistryFile = parse_registry(data)
    summary = ImportSummary(source=source, dry_run=dry_run)
    try:
        with transaction.atomic():
            _import(registry, source, file_name, summary)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def _key(record: OrganisationRecord | PersonRecord, source: str) -> tuple[str, str]:
    """A record exported from a registry names its own source (and prefixes its id with
    it, so ids stay unique in a file holding several sources)."""
    if record.source:
        prefix = record.source + ":"
        rid = record.id[len(prefix) :] if record.id.startswith(prefix) else record.id
        return record.source, rid
    return source, record.id


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _import(registry: RegistryFile, source: str, file_name: str, summary: ImportSummary) -> None:
    if any(not r.source for r in [*registry.organisations, *registry.people]):
        Source.objects.update_or_create(name=source, defaults={"file_name": file_name[:300]})
    orgs: dict[str, Organisation] = {}
    for o in registry.organisations:
        o_source, o_id = _key(o, source)
        values = {
            "name": o.name,
            "acronym": o.acronym,
            "other_names": o.other_names,
            "country": o.country,
            "kind": o.kind,
            "portfolio": o.portfolio,
            "government_funding": o.government_funding,
            "mandate": o.mandate,
        }
        org = Organisation.objects.filter(source=o_source, external_id=o_id).first()
        outcome = _save(org, Organisation(source=o_source, external_id=o_id), values)
        summary_counts(summary, outcome, "organisations")
        orgs[o.id] = org or Organisation.objects.get(source=o_source, external_id=o_id)
    for p in registry.people:
        summary.people_by_file_id[p.id] = _import_person(p, source, orgs, summary)


def summary_counts(summary: ImportSummary, outcome: str, kind: str) -> None:
    getattr(summary, outcome)[kind] += 1


def _save(existing: Any, new: Any, values: dict[str, Any]) -> str:
    if existing is None:
        _apply(new, values)
        new.save()
        return "created"
    if _apply(existing, values):
        existing.save()
        return "updated"
    return "unchanged"


def _affiliation_rows(p: PersonRecord, orgs: dict[str, Organisation]) -> list[tuple]:
    return sorted((orgs[a.organisation].id, a.role, a.kind, a.start, a.end) for a in p.affiliations)


def _existing_rows(person: Person) -> list[tuple]:
    return sorted(
        (a.organisation_id, a.role, a.kind, a.start, a.end) for a in person.affiliations.all()
    )


def _import_person(
    p: PersonRecord, source: str, orgs: dict[str, Organisation], summary: ImportSummary
) -> Person:
    p_source, p_id = _key(p, source)
    values = {
        "name": p.name,
        "other_names": p.other_names,
        "honorific": p.honorific,
        "countries": p.countries,
        "gender": p.gender,
        "email": p.email,
        "titles": p.titles,
        "sector": p.sector,
        "published_names": p.published_names,
        "former_roles": [
            {
                "role": r.role,
                "start": r.start.isoformat() if r.start else None,
                "end": r.end.isoformat() if r.end else None,
            }
            for r in p.former_roles
        ],
    }
    person = Person.objects.filter(source=p_source, external_id=p_id).first()
    rows = _affiliation_rows(p, orgs)
    if person is None:
        person = Person(source=p_source, external_id=p_id)
        _apply(person, values)
        person.save()
        org_keys = [orgs[a.organisation].keys for a in p.affiliations]
        mine = registry_match.record([p.email], person.name_forms, org_keys)
        for existing, reason in possible_duplicates_of(person, mine):
            summary.duplicates.append(Duplicate(p.id, p.name, existing, reason))
        outcome = "created"
    else:
        changed = _apply(person, values)
        if changed:
            person.save()
        same_rows = _existing_rows(person) == rows
        outcome = "updated" if changed or not same_rows else "unchanged"
        if same_rows:
            summary.affiliations += len(rows)
            summary_counts(summary, outcome, "people")
            return person
        person.affiliations.all().delete()
    Affiliation.objects.bulk_create(
        Affiliation(person=person, organisation_id=o, role=r, kind=k, start=s, end=e)
        for o, r, k, s, e in rows
    )
    summary.affiliations += len(rows)
    summary_counts(summary, outcome, "people")
    return person


def person_record(person: Person) -> registry_match.Record:
    return registry_match.record(
        [person.email],
        person.name_forms,
        [a.organisation.keys for a in person.affiliations.all()],
    )


def possible_duplicates_of(
    person: Person, mine: registry_match.Record | None = None
) -> list[tuple[Person, str]]:
    """Other people (from any source) who may be the same person as `person`, each with
    the reason. `mine` describes `person` when its affiliations are not stored yet."""
    mine = mine or person_record(person)
    query = Q()
    if person.email:
        query |= Q(email__iexact=person.email)
    for form in person.name_forms:
        fragments = registry_match.name_fragments(form)
        if len(fragments) >= 2 or (fragments and not fragments[0].startswith(" ")):
            clause = Q()
            for fragment in fragments:
                clause &= Q(search_text__contains=fragment)
            query |= clause
    if not query:
        return []
    candidates = (
        Person.objects.filter(query)
        .exclude(id=person.id)
        .prefetch_related("affiliations__organisation")
        .distinct()
    )
    found = [(c, registry_match.duplicate_reason(mine, person_record(c))) for c in candidates]
    return [(c, reason) for c, reason in found if reason]


@transaction.atomic
def create_person(
    *,
    name: str,
    email: str,
    country: str = "",
    organisation: str = "",
    organisation_kind: str = "other",
    job_title: str = "",
) -> Person:
    """A new registry entry made in the product (source "app"), with their current
    organisation: one already in the registry under that name, acronym or other name is
    reused, else it is created."""
    person = Person.objects.create(
        name=name.strip(), email=email.strip().lower(), countries=[country] if country else []
    )
    if organisation.strip():
        Affiliation.objects.create(
            person=person,
            organisation=find_or_create_organisation(organisation, organisation_kind, country),
            role=job_title.strip(),
            kind="employment",
        )
    return person


def find_or_create_organisation(name: str, kind: str, country: str) -> Organisation:
    wanted = registry_match.organisation_keys(name.strip())
    acronym = "acronym:" + registry_match.fold(name.strip())
    for org in Organisation.objects.all():
        keys = org.keys
        if wanted & keys or acronym in keys:
            return org
    return Organisation.objects.create(name=name.strip(), kind=kind or "other", country=country)
