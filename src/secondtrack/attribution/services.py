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

_cache: dict[int, tuple[str, Scanner]] = {}
_lock = threading.Lock()


def meeting_registry(meeting: Meeting) -> dict[str, Any]:
    """Everyone invited to the meeting, in the registry interchange format (design §5)."""
    rows = (
        Participation.objects.filter(meeting=meeting)
        .exclude(status=Participation.Status.DECLINED)
        .select_related("person")
        .prefetch_related("person__affiliations__organisation")
        .order_by("person_id")
    )
    organisations: dict[int, dict[str, Any]] = {}
    people = []
    members = []
    for p in rows:
        person = p.person
        affiliations = []
        for a in person.affiliations.all():
            org = a.organisation
            organisations[org.id] = {
                "id": f"o{org.id}",
                "name": org.name,
                "acronym": org.acronym or None,
                "other_names": list(org.other_names),
                "country": org.country or None,
                "kind": org.kind,
            }
            affiliations.append(
                {
                    "organisation": f"o{org.id}",
                    "role": a.role or None,
                    "kind": a.kind,
                    "start": a.start.isoformat() if a.start else None,
                    "end": a.end.isoformat() if a.end else None,
                }
            )
        people.append(
            {
                "id": f"p{person.id}",
                "name": person.name,
                # The names they publish under are names to look for like any other.
                "other_names": [*person.other_names, *person.published_names],
                "honorific": person.honorific or None,
                "countries": list(person.countries),
                "gender": person.gender or None,
                "titles": list(person.titles),
                "former_roles": [r["role"] for r in person.former_roles],
                "sector": person.sector or None,
                "affiliations": affiliations,
            }
        )
        if p.is_member or p.status == Participation.Status.INVITED:
            members.append(f"p{person.id}")
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


def scan_for_meeting(meeting: Meeting, text: str, author: int | str | None = None) -> list[Finding]:
    """Findings for ``text`` against the meeting's invitees; with ``author`` (a person id,
    or the registry id "p<id>"), what narrows that author down comes as ``author``."""
    scanner = scanner_for(meeting)
    if author is not None:
        try:
            scanner.author_index(author)
        except KeyError:
            raise UnknownAuthor(
                f"Person {author} is not invited to this meeting; scan as one of its "
                "participants or without an author."
            ) from None
    return scanner.scan(text, author=author)


def findings_json(findings: list[Finding]) -> dict[str, Any]:
    return {"findings": [f.to_dict() for f in findings]}


def scan_as_author(meeting: Meeting, text: str, author: int | None) -> list[Finding]:
    """A participant's own text scanned as theirs; someone who is not among the invitees
    (a convenor without a participation) is scanned without an author."""
    try:
        return scan_for_meeting(meeting, text, author=author)
    except UnknownAuthor:
        return scan_for_meeting(meeting, text)
