"""Who receives a notice, asked of the access policy; and each person's preferences.

Candidates come from memberships (series roles and member participations); each is then
kept only if the policy grants them the permission the notice's object needs, so a
notice never tells anyone what the policy would not show them.
"""

from __future__ import annotations

from django.db.models import Q

from secondtrack.access.standing import meeting_grants, series_grants
from secondtrack.accounts.models import User
from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Meeting, Participation, SeriesRole
from secondtrack.notifications.models import CHOOSABLE, Delivery, Preference


def _candidates(series_id: int, member_of: Q) -> list[User]:
    staff = SeriesRole.objects.filter(series_id=series_id).values("user_id")
    members = Participation.objects.filter(
        member_of, status__in=Participation.MEMBER_STATUSES
    ).values("person_id")
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(id__in=staff) | Q(person_id__in=members))
        .order_by("id")
    )


def meeting_readers(meeting: Meeting, permission: Can) -> list[User]:
    """Active accounts that hold ``permission`` in the meeting."""
    users = _candidates(meeting.series_id, Q(meeting=meeting))
    return [u for u in users if meeting_grants(u, meeting)[0].can(permission)]


def series_readers(series_id: int, permission: Can) -> list[User]:
    """Active accounts that hold ``permission`` for series-wide objects."""
    users = _candidates(series_id, Q(meeting__series_id=series_id))
    return [u for u in users if series_grants(u, series_id).can(permission)]


def series_convenors(series_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            series_roles__series_id=series_id,
            series_roles__role=SeriesRole.Role.CONVENOR,
        )
        .distinct()
        .order_by("id")
    )


def meeting_members(meeting: Meeting) -> list[User]:
    """Active accounts of the meeting's members (accepted or attended), whatever the role."""
    members = Participation.objects.filter(
        meeting=meeting, status__in=Participation.MEMBER_STATUSES
    ).values("person_id")
    return list(User.objects.filter(is_active=True, person_id__in=members).order_by("id"))


def preferences_for(user: User) -> dict[str, str]:
    """Every choosable kind with how the person receives it (at once unless they chose)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {k.value: chosen.get(k.value, Delivery.IMMEDIATE.value) for k in CHOOSABLE}


def delivery_for(user: User | None, kind: str) -> str:
    if user is None or kind not in {k.value for k in CHOOSABLE}:
        return Delivery.IMMEDIATE
    row = Preference.objects.filter(user=user, kind=kind).first()
    return row.delivery if row else Delivery.IMMEDIATE
