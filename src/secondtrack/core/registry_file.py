"""Validation of the registry interchange file (design §5), reporting every bad record by path.

`parse_registry(data)` returns a `RegistryFile` or raises `RegistryFileError` whose
`problems` list holds every problem found, each as "people[3].affiliations[0].start: …",
so that a convenor can fix the whole file in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ORGANISATION_KINDS = frozenset(
    {
        "university",
        "think_tank",
        "ministry",
        "armed_forces",
        "legislature",
        "media",
        "industry",
        "ngo",
        "international_organisation",
        "other",
    }
)
MANDATES = frozenset(
    {"independent", "government_affiliated", "ministry_research_arm", "government_body"}
)
AFFILIATION_KINDS = frozenset({"employment", "advisory", "board", "honorary"})
PORTFOLIOS = frozenset({"foreign_affairs", "defence", "other"})
GENDERS = frozenset({"f", "m", "x"})
SOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,59}")
SOURCE_RULE = "is not a source name: use 1 to 60 lower-case letters, digits, '.', '_' or '-'"


class RegistryFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the registry file")


@dataclass
class OrganisationRecord:
    id: str
    name: str
    acronym: str
    country: str
    kind: str
    government_funding: float
    mandate: str
    other_names: list[str] = field(default_factory=list)
    portfolio: str = ""
    source: str = ""  # set on records exported from a registry: where they came from


@dataclass
class AffiliationRecord:
    organisation: str
    role: str
    kind: str
    start: date | None
    end: date | None


@dataclass
class PersonRecord:
    id: str
    name: str
    other_names: list[str]
    honorific: str
    countries: list[str]
    gender: str
    email: str
    titles: list[str]
    affiliations: list[AffiliationRecord] = field(default_factory=list)
    sector: str = ""
    published_names: list[str] = field(default_factory=list)
    former_roles: list[FormerRole] = field(default_factory=list)
    source: str = ""


@dataclass
class FormerRole:
    """A post held in the past that no organisation of the registry records: a rank, an
    embassy ("Ambassador to Vietnam"), a command."""

    role: str
    start: date | None = None
    end: date | None = None


@dataclass
class RegistryFile:
    organisations: list[OrganisationRecord]
    people: list[PersonRecord]
    participants: list[str]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def text(self, obj: dict, key: str, path: str, required: bool = False, limit: int = 300) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{path}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", f"must be text, not {type(value).__name__}")
            return ""
        if len(value) > limit:
            self.fail(f"{path}.{key}", f"is longer than {limit} characters")
            return ""
        return value.strip()

    def choice(self, obj: dict, key: str, path: str, allowed: frozenset[str], default: str) -> str:
        value = obj.get(key, default)
        if value is None:
            value = default
        if value not in allowed:
            options = ", ".join(sorted(allowed))
            self.fail(f"{path}.{key}", f"{value!r} is not one of: {options}")
            return default
        return str(value)

    def country(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or len(value) != 2 or not value.isalpha():
            self.fail(path, f"{value!r} is not a two-letter country code such as JP")
            return ""
        return value.upper()

    def day(self, obj: dict, key: str, path: str) -> date | None:
        value = obj.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(f"{path}.{key}", f"{value!r} is not a date written as YYYY-MM-DD")
            return None

    def source(self, obj: dict, path: str) -> str:
        value = obj.get("source")
        if value is None or value == "":
            return ""
        if not isinstance(value, str) or not SOURCE_NAME.fullmatch(value):
            self.fail(f"{path}.source", f"{value!r} {SOURCE_RULE}")
            return ""
        return value

    def strings(self, obj: dict, key: str, path: str) -> list[str]:
        value = obj.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{path}.{key}", "must be a list of text")
            return []
        return [v.strip() for v in value if v.strip()]


def _organisation(c: _Checker, raw: Any, path: str) -> OrganisationRecord | None:
    if not isinstance(raw, dict):
        c.fail(path, "must be an object")
        return None
    funding = raw.get("government_funding", 0.0)
    if isinstance(funding, bool) or not isinstance(funding, int | float) or not 0 <= funding <= 1:
        c.fail(f"{path}.government_funding", f"{funding!r} must be a number from 0 to 1")
        funding = 0.0
    country = raw.get("country")
    return OrganisationRecord(
        id=c.text(raw, "id", path, required=True, limit=100),
        name=c.text(raw, "name", path, required=True),
        acronym=c.text(raw, "acronym", path, limit=40),
        country=c.country(country, f"{path}.country") if country else "",
        kind=c.choice(raw, "kind", path, ORGANISATION_KINDS, "other"),
        government_funding=float(funding),
        mandate=c.choice(raw, "mandate", path, MANDATES, "independent"),
        other_names=c.strings(raw, "other_names", path),
        portfolio=c.choice(raw, "portfolio", path, PORTFOLIOS | {""}, ""),
        source=c.source(raw, path),
    )


def _affiliation(c: _Checker, raw: Any, path: str, org_ids: set[str]) -> AffiliationRecord | None:
    if not isinstance(raw, dict):
        c.fail(path, "must be an object")
        return None
    org = c.text(raw, "organisation", path, required=True, limit=100)
    if org and org not in org_ids:
        c.fail(f"{path}.organisation", f"{org!r} is not the id of an organisation in this file")
    start, end = c.day(raw, "start", path), c.day(raw, "end", path)
    if start and end and end < start:
        c.fail(f"{path}.end", f"{end} is before the start {start}")
    return AffiliationRecord(
        organisation=org,
        role=c.text(raw, "role", path, limit=200),
        kind=c.choice(raw, "kind", path, AFFILIATION_KINDS, "employment"),
        start=start,
        end=end,
    )


def _person(c: _Checker, raw: Any, path: str, org_ids: set[str]) -> PersonRecord | None:
    if not isinstance(raw, dict):
        c.fail(path, "must be an object")
        return None
    countries = [
        c.country(v, f"{path}.countries[{i}]") for i, v in enumerate(raw.get("countries") or [])
    ]
    gender = raw.get("gender") or ""
    if gender and gender not in GENDERS:
        c.fail(f"{path}.gender", f"{gender!r} is not one of: f, m, x (or leave it out)")
        gender = ""
    affiliations_raw = raw.get("affiliations") or []
    if not isinstance(affiliations_raw, list):
        c.fail(f"{path}.affiliations", "must be a list")
        affiliations_raw = []
    affiliations = [
        _affiliation(c, a, f"{path}.affiliations[{i}]", org_ids)
        for i, a in enumerate(affiliations_raw)
    ]
    email = c.text(raw, "email", path, limit=254)
    if email and "@" not in email:
        c.fail(f"{path}.email", f"{email!r} is not an e-mail address")
    return PersonRecord(
        id=c.text(raw, "id", path, required=True, limit=100),
        name=c.text(raw, "name", path, required=True),
        other_names=c.strings(raw, "other_names", path),
        honorific=c.text(raw, "honorific", path, limit=40),
        countries=[x for x in countries if x],
        gender=gender,
        email=email.lower(),
        titles=c.strings(raw, "titles", path),
        affiliations=[a for a in affiliations if a is not None],
        sector=c.choice(raw, "sector", path, ORGANISATION_KINDS | {""}, ""),
        published_names=c.strings(raw, "published_names", path),
        former_roles=_former_roles(c, raw.get("former_roles"), f"{path}.former_roles"),
        source=c.source(raw, path),
    )


def _former_roles(c: _Checker, raw: Any, path: str) -> list[FormerRole]:
    """Plain strings ("Ambassador to Vietnam") or objects with `role`, `start`, `end`."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.fail(path, "must be a list")
        return []
    roles = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            if item.strip():
                roles.append(FormerRole(item.strip()[:200]))
            continue
        if not isinstance(item, dict):
            c.fail(f"{path}[{i}]", "must be text or an object with role, start and end")
            continue
        start, end = c.day(item, "start", f"{path}[{i}]"), c.day(item, "end", f"{path}[{i}]")
        if start and end and end < start:
            c.fail(f"{path}[{i}].end", f"{end} is before the start {start}")
        role = c.text(item, "role", f"{path}[{i}]", required=True, limit=200)
        if role:
            roles.append(FormerRole(role, start, end))
    return roles


def _unique(c: _Checker, records: list, section: str) -> None:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record is None or not record.id:
            continue
        if record.id in seen:
            c.fail(
                f"{section}[{index}].id",
                f"{record.id!r} is already used by {section}[{seen[record.id]}]",
            )
        seen.setdefault(record.id, index)


def _section(c: _Checker, data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        c.fail(key, "must be a list")
        return []
    return value


def parse_registry(data: Any) -> RegistryFile:
    c = _Checker()
    if not isinstance(data, dict):
        raise RegistryFileError(["(top level): must be an object with organisations and people"])
    org_raw = _section(c, data, "organisations")
    orgs = [_organisation(c, o, f"organisations[{i}]") for i, o in enumerate(org_raw)]
    org_ids = {o.id for o in orgs if o and o.id}
    people_raw = _section(c, data, "people")
    people = [_person(c, p, f"people[{i}]", org_ids) for i, p in enumerate(people_raw)]
    _unique(c, orgs, "organisations")
    _unique(c, people, "people")
    person_ids = {p.id for p in people if p and p.id}
    participants = _section(c, data, "participants")
    for i, pid in enumerate(participants):
        if pid not in person_ids:
            c.fail(f"participants[{i}]", f"{pid!r} is not the id of a person in this file")
    if c.problems:
        raise RegistryFileError(c.problems)
    return RegistryFile(
        [o for o in orgs if o], [p for p in people if p], [str(p) for p in participants]
    )
