"""Who may look at a person's registry entry: the person, and convenors of series they are in."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from secondtrack.accounts.models import User
from secondtrack.dialogues.models import Participation, SeriesRole
from secondtrack.registry.models import Person


def visible_people(user: User) -> QuerySet[Person]:
    if not user.is_authenticated:
        return Person.objects.none()
    convened = SeriesRole.objects.filter(user=user, role=SeriesRole.Role.CONVENOR).values(
        "series_id"
    )
    in_convened = Participation.objects.filter(meeting__series__in=convened).values("person_id")
    own = Person.objects.filter(id=user.person_id) if user.person_id else Person.objects.none()
    return Person.objects.filter(id__in=in_convened) | own


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
