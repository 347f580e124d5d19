"""Who may look at a person's registry entry: the person, and those the access policy lets
convene a meeting the person is a member of. An invitation alone reveals nothing: the
entry opens to the inviting convenor once the person accepts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from secondtrack.access.standing import meetings_where
from secondtrack.accounts.models import User
from secondtrack.core import registry_match
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Meeting, Participation, Series
from secondtrack.registry.models import Affiliation, Breach, Organisation, Person


def visible_people(user: User) -> QuerySet[Person]:
    if not user.is_authenticated:
        return Person.objects.none()
    convened = meetings_where(user, Can.CONVENE)
    members = Participation.objects.filter(
        meeting__in=convened, status__in=Participation.MEMBER_STATUSES
    ).values("person_id")
    own = Person.objects.filter(id=user.person_id) if user.person_id else Person.objects.none()
    return Person.objects.filter(id__in=members) | own


def person_for(user: User, person_id: int) -> Person:
    try:
        return (
            visible_people(user)
            .prefetch_related("affiliations__organisation")
            .distinct()
            .get(id=person_id)
        )
    except Person.DoesNotExist:
        raise Http404("No such person.")


@dataclass(frozen=True)
class Candidate:
    """A registry entry as the invite search shows it to a meeting's convenor. Everyone in
    the installation's registry can be found by name and country; what they do (their
    organisation) is shown only when the convenor may see their record, and breaches only
    those recorded in this series."""

    person: Person
    record_visible: bool
    organisation: str
    earlier_meetings: int
    status_here: str
    breaches: list[Breach]


def _visible_ids(user: User) -> set[int]:
    return set(visible_people(user).values_list("id", flat=True))


def _current_organisation(person: Person, when: date) -> str:
    active = [a for a in person.affiliations.all() if a.active_on(when)]
    employment = [a for a in active if a.kind == "employment"] or active
    return str(employment[0].organisation) if employment else ""


def _by_organisation(query: str, visible: set[int]) -> set[int]:
    """People the caller may see whose organisation's name, acronym or other name holds
    the query: what someone does is searchable only where it may be seen."""
    wanted = " ".join(registry_match.words(query))
    if len(wanted) < 2 or not visible:
        return set()
    theirs = Organisation.objects.filter(affiliations__person_id__in=visible).distinct()
    orgs = [o.id for o in theirs if any(wanted in k for k in o.keys)]
    return set(
        Affiliation.objects.filter(organisation_id__in=orgs, person_id__in=visible).values_list(
            "person_id", flat=True
        )
    )


def search_people(user: User, query: str, meeting: Meeting, limit: int = 20) -> list[Candidate]:
    """Registry entries matching `query` (any name form in any script, without diacritics,
    in any word order; "JP" for a country; an organisation for people whose record the
    caller sees), for inviting to `meeting`, which the caller must convene."""
    fragments = [f for f in registry_match.query_fragments(query) if len(f.strip()) >= 1]
    if not fragments or len("".join(fragments).strip()) < 2:
        return []
    by_name = Q()
    for fragment in fragments:
        by_name &= Q(search_text__contains=fragment)
    visible = _visible_ids(user)
    ids = set(Person.objects.filter(by_name).values_list("id", flat=True)[: limit * 5])
    ids |= _by_organisation(query, visible)
    people = (
        Person.objects.filter(id__in=ids)
        .prefetch_related("affiliations__organisation")
        .order_by("name", "id")[:limit]
    )
    return _candidates(list(people), meeting, visible)


def _candidates(people: list[Person], meeting: Meeting, visible: set[int]) -> list[Candidate]:
    """What the invite page says of each person found, in three queries for them all."""
    ids = [p.id for p in people]
    here = {
        p.person_id: p.get_status_display()
        for p in Participation.objects.filter(meeting=meeting, person_id__in=ids)
    }
    earlier = Counter(
        Participation.objects.filter(
            person_id__in=ids,
            meeting__series_id=meeting.series_id,
            meeting__starts__lt=meeting.starts,
            status__in=Participation.MEMBER_STATUSES,
        ).values_list("person_id", flat=True)
    )
    breaches: dict[int, list[Breach]] = {}
    for b in Breach.objects.filter(series_id=meeting.series_id, person_id__in=ids):
        breaches.setdefault(b.person_id, []).append(b)
    return [
        Candidate(
            person=p,
            record_visible=p.id in visible,
            organisation=_current_organisation(p, meeting.starts) if p.id in visible else "",
            earlier_meetings=earlier[p.id],
            status_here=here.get(p.id, ""),
            breaches=breaches.get(p.id, []),
        )
        for p in people
    ]


def series_breaches(series: Series) -> QuerySet[Breach]:
    """The series' breach log. Callers have checked that the user convenes the series."""
    return Breach.objects.filter(series=series).select_related("person")


def editable_people(user: User) -> QuerySet[Person]:
    """People whose record the caller may change: members of a meeting the caller
    convenes — the records they may see (an open invitation reveals nothing), less their
    own, which is theirs to read, not to edit."""
    if not user.is_authenticated:
        return Person.objects.none()
    convened = meetings_where(user, Can.CONVENE)
    members = Participation.objects.filter(
        meeting__in=convened, status__in=Participation.MEMBER_STATUSES
    ).values("person_id")
    return Person.objects.filter(id__in=members)


def editable_person(user: User, person_id: int) -> Person:
    person = editable_people(user).filter(id=person_id).first()
    if person is None:
        raise Http404("No such person.")
    return person


def editable_organisation(user: User, organisation_id: int) -> Organisation:
    """An organisation one of the caller's editable people is affiliated with."""
    org = Organisation.objects.filter(
        id=organisation_id, affiliations__person__in=editable_people(user)
    ).first()
    if org is None:
        raise Http404("No such organisation.")
    return org


def merge_candidates(user: User, person: Person) -> list[tuple[Person, str]]:
    """Possible duplicates of `person` among the records the caller may see."""
    from secondtrack.registry.services import possible_duplicates_of

    visible = _visible_ids(user)
    return [(p, why) for p, why in possible_duplicates_of(person) if p.id in visible]
