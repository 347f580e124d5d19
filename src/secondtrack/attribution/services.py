"""The attribution checker wired to the database: a meeting's participants as a registry.

The scanner is built once per meeting and rebuilt only when the registry it was built
from changes (a new participant, a new affiliation).
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

from django.conf import settings

from secondtrack.core.deattribution import Finding, Registry, Scanner
from secondtrack.dialogues.models import Meeting, Participation
from secondtrack.registry.models import Affiliation, Person

_cache: dict[int, tuple[str, Scanner]] = {}
_lock = threading.Lock()


def meeting_registry(meeting: Meeting) -> dict[str, Any]:
    """Everyone invited to the meeting, in the registry interchange format (design §5).

    Read as plain rows (three queries, no model instances): it runs on every scanned post,
    and for a 300-person meeting instances cost four times as much as the scan itself."""
    rows = list(
        Participation.objects.filter(meeting=meeting)
        .exclude(status=Participation.Status.DECLINED)
        .order_by("person_id")
        .values_list("person_id", "status")
    )
    ids = [person_id for person_id, _status in rows]
    fields = (
        "id",
        "name",
        "other_names",
        "published_names",
        "honorific",
        "countries",
        "gender",
        "titles",
        "former_roles",
        "sector",
    )
    persons = {row["id"]: row for row in Person.objects.filter(id__in=ids).values(*fields)}
    affiliations: dict[int, list[dict[str, Any]]] = {}
    organisations: dict[int, dict[str, Any]] = {}
    for a in (
        Affiliation.objects.filter(person_id__in=ids)
        .order_by("person_id", *Affiliation._meta.ordering)
        .values(
            "person_id",
            "role",
            "kind",
            "start",
            "end",
            "organisation_id",
            "organisation__name",
            "organisation__acronym",
            "organisation__other_names",
            "organisation__country",
            "organisation__kind",
        )
    ):
        org = a["organisation_id"]
        organisations[org] = {
            "id": f"o{org}",
            "name": a["organisation__name"],
            "acronym": a["organisation__acronym"] or None,
            "other_names": list(a["organisation__other_names"]),
            "country": a["organisation__country"] or None,
            "kind": a["organisation__kind"],
        }
        affiliations.setdefault(a["person_id"], []).append(
            {
                "organisation": f"o{org}",
                "role": a["role"] or None,
                "kind": a["kind"],
                "start": a["start"].isoformat() if a["start"] else None,
                "end": a["end"].isoformat() if a["end"] else None,
            }
        )
    people = []
    members = []
    for person_id, status in rows:
        person = persons[person_id]
        people.append(
            {
                "id": f"p{person_id}",
                "name": person["name"],
                # The names they publish under are names to look for like any other.
                "other_names": [*person["other_names"], *person["published_names"]],
                "honorific": person["honorific"] or None,
                "countries": list(person["countries"]),
                "gender": person["gender"] or None,
                "titles": list(person["titles"]),
                "former_roles": [r["role"] for r in person["former_roles"]],
                "sector": person["sector"] or None,
                "affiliations": affiliations.get(person_id, []),
            }
        )
        if status in Participation.MEMBER_STATUSES or status == Participation.Status.INVITED:
            members.append(f"p{person_id}")
    return {
        "organisations": list(organisations.values()),
        "people": people,
        "participants": members,
    }


def scanner_for(meeting: Meeting) -> Scanner:
    data = meeting_registry(meeting)
    fingerprint = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    with _lock:
        cached = _cache.get(meeting.id)
        if cached and cached[0] == fingerprint:
            return cached[1]
    scanner = Scanner(Registry.from_dict(data), k=settings.SECONDTRACK_ATTRIBUTION_K)
    with _lock:
        _cache[meeting.id] = (fingerprint, scanner)
    return scanner


class UnknownAuthor(ValueError):
    """The author named for a scan is not among the meeting's invitees."""


def scan_for_meeting(
    meeting: Meeting, text: str, author: int | str | None = None, language: str | None = None
) -> list[Finding]:
    """Findings for ``text`` against the meeting's invitees; with ``author`` (a person id,
    or the registry id "p<id>"), what narrows that author down comes as ``author``; with
    ``language`` (the document's, such as a report's), replacements follow it where the
    sentence's own script does not decide."""
    scanner = scanner_for(meeting)
    if author is not None:
        try:
            scanner.author_index(author)
        except KeyError:
            raise UnknownAuthor(
                f"Person {author} is not invited to this meeting; scan as one of its "
                "participants or without an author."
            ) from None
    return scanner.scan(text, author=author, language=language)


def findings_json(findings: list[Finding]) -> dict[str, Any]:
    return {"findings": [f.to_dict() for f in findings]}


def scan_as_author(
    meeting: Meeting, text: str, author: int | None, language: str | None = None
) -> list[Finding]:
    """A participant's own text scanned as theirs; someone who is not among the invitees
    (a convenor without a participation) is scanned without an author."""
    try:
        return scan_for_meeting(meeting, text, author=author, language=language)
    except UnknownAuthor:
        return scan_for_meeting(meeting, text, language=language)
