"""The registry a text is checked against (design §5 "Registry interchange").

Besides the fields of design §5, these optional fields are understood:

people[*].family_names   list of family names in any script ("Tanaka", "田中"); by default
                         the last word of ``name`` (the first for CN, TW, HK, MO, KR, VN, KH
                         names) and, for CJK ``other_names``, the first syllable (Korean) or
                         the first two characters (Japanese) or first character (Chinese).
people[*].titles         role titles the person is known by ("retired admiral",
                         "former ambassador to Vietnam"); a title starting with "former"
                         or "retired" describes the past.
people[*].former_roles   past roles, as strings ("ambassador to Vietnam") or dated objects
                         {"role": ..., "start": "YYYY-MM-DD"|null, "end": ...}.
people[*].published_names  names the person publishes under; matched like other_names.
people[*].sector         one organisation kind the person belongs to whatever their
                         affiliations say (university, think_tank, ministry, ...).
organisations[*].other_names  other names of the organisation, in any script.
people[*].affiliations[*].role  already in §5; used for role titles ("the Vice Minister")
                         and for quasi-identifier descriptions ("a Korean journalist").
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


def fast_reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a frozen slots dataclass by its constructor: dataclasses' own __setstate__
    is slow enough to make loading a cached 10,000-person scanner take seconds."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


class RegistryError(ValueError):
    """The registry data is malformed; the message names the bad record by its path."""


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    acronym: str | None = None
    country: str | None = None
    kind: str = "other"
    other_names: tuple[str, ...] = ()

    __reduce__ = fast_reduce


@dataclass(frozen=True, slots=True)
class Affiliation:
    organisation: str
    role: str | None = None
    kind: str | None = None
    start: str | None = None
    end: str | None = None

    @property
    def is_current(self) -> bool:
        return self.end is None

    __reduce__ = fast_reduce


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    other_names: tuple[str, ...] = ()
    honorific: str | None = None
    countries: tuple[str, ...] = ()
    gender: str | None = None
    affiliations: tuple[Affiliation, ...] = ()
    family_names: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    former_roles: tuple[str, ...] = ()
    sector: str | None = None

    __reduce__ = fast_reduce


@dataclass(frozen=True, slots=True)
class Registry:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    participant_ids: frozenset[str] = frozenset()

    @property
    def participants(self) -> list[Person]:
        """People attending; everyone in the registry when no participant list was given."""
        return [p for pid, p in self.people.items() if pid in self.participant_ids]

    def is_participant(self, person_id: str) -> bool:
        return person_id in self.participant_ids

    @classmethod
    def from_dict(cls, data: Any) -> Registry:
        """Build a registry from design §5 JSON, or raise RegistryError naming the bad path."""
        if not isinstance(data, dict):
            raise RegistryError("The registry must be a JSON object with 'people'.")
        orgs = _organisations(data.get("organisations", []))
        people = _people(data.get("people"), orgs)
        participants = _participants(data.get("participants"), people)
        return cls(organisations=orgs, people=people, participant_ids=participants)

    __reduce__ = fast_reduce


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise RegistryError(f"{path} must be a list; fix it and scan again.")
    return value


def _text(record: dict[str, Any], key: str, path: str, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise RegistryError(f"{path}.{key} is missing; every record needs one.")
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise RegistryError(f"{path}.{key} must be a non-empty string.")
    return value.strip()


def _texts(record: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    values = _list(record.get(key, []), f"{path}.{key}")
    for i, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(f"{path}.{key}[{i}] must be a non-empty string.")
    return tuple(v.strip() for v in values)


def _record(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RegistryError(f"{path} must be an object.")
    return value


def _organisations(raw: Any) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for i, item in enumerate(_list(raw, "organisations")):
        path = f"organisations[{i}]"
        rec = _record(item, path)
        oid = _text(rec, "id", path, required=True) or ""
        if oid in orgs:
            raise RegistryError(f"{path}.id '{oid}' is used twice; ids must be unique.")
        kind = _text(rec, "kind", path) or "other"
        if kind not in ORGANISATION_KINDS:
            allowed = ", ".join(sorted(ORGANISATION_KINDS))
            raise RegistryError(f"{path}.kind '{kind}' is unknown; use one of {allowed}.")
        orgs[oid] = Organisation(
            id=oid,
            name=_text(rec, "name", path, required=True) or "",
            acronym=_text(rec, "acronym", path),
            country=_text(rec, "country", path),
            kind=kind,
            other_names=_texts(rec, "other_names", path),
        )
    return orgs


def _affiliations(raw: Any, path: str, orgs: dict[str, Organisation]) -> tuple[Affiliation, ...]:
    result = []
    for i, item in enumerate(_list(raw, path)):
        apath = f"{path}[{i}]"
        rec = _record(item, apath)
        org = _text(rec, "organisation", apath, required=True) or ""
        if org not in orgs:
            raise RegistryError(f"{apath}.organisation '{org}' is not in 'organisations'.")
        result.append(
            Affiliation(
                organisation=org,
                role=_text(rec, "role", apath),
                kind=_text(rec, "kind", apath),
                start=_text(rec, "start", apath),
                end=_text(rec, "end", apath),
            )
        )
    return tuple(result)


def _person(rec: dict[str, Any], path: str, orgs: dict[str, Organisation]) -> Person:
    sector = _text(rec, "sector", path)
    if sector is not None and sector not in ORGANISATION_KINDS:
        raise RegistryError(f"{path}.sector '{sector}' is not an organisation kind.")
    gender = _text(rec, "gender", path)
    return Person(
        id=_text(rec, "id", path, required=True) or "",
        name=_text(rec, "name", path, required=True) or "",
        other_names=_texts(rec, "other_names", path) + _texts(rec, "published_names", path),
        honorific=_text(rec, "honorific", path),
        countries=tuple(c.upper() for c in _texts(rec, "countries", path)),
        gender=gender.lower() if gender else None,
        affiliations=_affiliations(rec.get("affiliations", []), f"{path}.affiliations", orgs),
        family_names=_texts(rec, "family_names", path),
        titles=_texts(rec, "titles", path),
        former_roles=_former_roles(rec.get("former_roles", []), f"{path}.former_roles"),
        sector=sector,
    )


def _former_roles(raw: Any, path: str) -> tuple[str, ...]:
    """Past roles as plain strings or dated objects {"role", "start", "end"} (issue 12)."""
    roles = []
    for i, item in enumerate(_list(raw, path)):
        if isinstance(item, str) and item.strip():
            roles.append(item.strip())
        elif isinstance(item, dict):
            role = _text(item, "role", f"{path}[{i}]", required=True) or ""
            _text(item, "start", f"{path}[{i}]")
            _text(item, "end", f"{path}[{i}]")
            roles.append(role)
        else:
            raise RegistryError(f"{path}[{i}] must be a role or an object with a 'role'.")
    return tuple(roles)


def _people(raw: Any, orgs: dict[str, Organisation]) -> dict[str, Person]:
    if raw is None:
        raise RegistryError("The registry has no 'people' list; add one (it may be empty).")
    people: dict[str, Person] = {}
    for i, item in enumerate(_list(raw, "people")):
        path = f"people[{i}]"
        person = _person(_record(item, path), path, orgs)
        if person.id in people:
            raise RegistryError(f"{path}.id '{person.id}' is used twice; ids must be unique.")
        people[person.id] = person
    return people


def _participants(raw: Any, people: dict[str, Person]) -> frozenset[str]:
    if raw is None:
        return frozenset(people)
    ids = _list(raw, "participants")
    for i, pid in enumerate(ids):
        if not isinstance(pid, str) or pid not in people:
            raise RegistryError(f"participants[{i}] '{pid}' is not the id of a person.")
    return frozenset(ids)
