"""Who may look at a person's registry entry: the person, and those the access policy lets
convene a meeting the person is a member of. An invitation alone reveals nothing: the
entry opens to the inviting convenor once the person accepts."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from secondtrack.access.standing import meetings_where
from secondtrack.accounts.models import User
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Participation
from secondtrack.registry.models import Person


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
