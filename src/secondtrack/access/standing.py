"""The caller's standing: their roles in a meeting or a series, turned into policy Grants."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from secondtrack.core.policy import MEETING_ROLES, ROLES, SERIES_ROLES, Can, Grants, Role, grants
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole


def _platform_roles(user) -> set[Role]:
    return {Role.ADMIN} if user.is_authenticated and user.is_staff else set()


def _series_roles(user, series_id: int) -> set[Role]:
    if not user.is_authenticated:
        return set()
    rows = SeriesRole.objects.filter(user=user, series_id=series_id).values_list("role", flat=True)
    return {Role(r) for r in rows}


def own_participation(user, meeting: Meeting) -> Participation | None:
    """The caller's participation in the meeting, member or not (invited, declined...)."""
    if not user.is_authenticated or user.person_id is None:
        return None
    return Participation.objects.filter(meeting=meeting, person_id=user.person_id).first()


def meeting_grants(user, meeting: Meeting) -> tuple[Grants, Participation | None]:
    """What the caller may do in this meeting, and their own participation in it."""
    roles = _platform_roles(user) | _series_roles(user, meeting.series_id)
    participation = own_participation(user, meeting)
    if participation is not None and participation.is_member:
        roles.add(Role(participation.role))
    return grants(roles), participation


def series_member_participations(user, series_id: int) -> list[Participation]:
    if not user.is_authenticated or user.person_id is None:
        return []
    return list(
        Participation.objects.filter(
            person_id=user.person_id,
            meeting__series_id=series_id,
            status__in=Participation.MEMBER_STATUSES,
        ).order_by("-meeting__starts")
    )


def series_grants(user, series_id: int) -> Grants:
    """What the caller may do with series-wide objects: the union of their roles in the
    series and in every meeting of it they belong to."""
    roles = _platform_roles(user) | _series_roles(user, series_id)
    roles |= {Role(p.role) for p in series_member_participations(user, series_id)}
    return grants(roles)


def may_create_series(user) -> bool:
    """Who may start a brand-new series (and become its convenor): a convenor of at least
    one series, or a platform admin. Everyone else is refused with 403."""
    if not user.is_authenticated:
        return False
    return user.is_staff or SeriesRole.objects.filter(user=user, role=Role.CONVENOR).exists()


def requires_second_factor(user) -> bool:
    """Who must sign in with a second factor (an authenticator app): whoever convenes any
    series and every platform admin (staff or superuser). Anyone else may choose to. An
    operator may turn the requirement off for a demo (SECONDTRACK_REQUIRE_2FA=false)."""
    if not user.is_authenticated or not settings.SECONDTRACK_REQUIRE_2FA:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return SeriesRole.objects.filter(user=user, role=Role.CONVENOR).exists()


def require_may_create_series(user) -> None:
    if not may_create_series(user):
        raise PermissionDenied(
            "Only convenors of a series and platform admins start a new series: ask an admin "
            "or a convenor to start it, or to make you a convenor of one."
        )


def require(
    granted: Grants, permission: Can, what: str = "meeting", known_by: Can = Can.KNOW
) -> None:
    """Raise 404 where the caller may not know the object exists (they lack ``known_by``,
    see core/policy.known_by), 403 where they know it but may not do this; return quietly
    when the policy allows it."""
    status = granted.refusal_status(permission, known_by)
    if status == 404:
        raise Http404(f"No such {what}.")
    if status == 403:
        raise PermissionDenied(REFUSALS.get(permission, _("Your role does not allow this.")))


def forbid(error: Exception) -> None:
    """A page answers a service's refusal on the policy's grounds (status 403) with 403, as
    the API does; other errors (a closed session, bad input) stay messages on the page."""
    if getattr(error, "status", None) == 403:
        raise PermissionDenied(str(error)) from error


REFUSALS = {
    Can.READ_PARTICIPANTS: _("Your role sees aggregates only, not the participant list."),
    Can.READ_CONTENT: _("Your role sees aggregates only, not what was said."),
    Can.SPEAK: _("Your role in this meeting is to listen: you cannot post."),
    Can.REACT: _("Your role in this meeting is to listen: you cannot float or react."),
    Can.TAKE_NOTES: _("Only the meeting's rapporteur records notes of interventions."),
    Can.REVIEW: _("Only members who take part in the meeting comment on its drafts."),
    Can.DRAFT: _("Only the meeting's rapporteurs and the series' convenors edit reports."),
    Can.CHOOSE_LISTING: _("Only members of the meeting choose how they are listed."),
    Can.READ_COMPOSITION: _("Composition is shown to convenors, analysts and funders."),
    Can.READ_UPTAKE: _("Uptake is shown to the series' members, convenors and analysts."),
    Can.CONVENE: _("Only the series' convenors do this."),
}


def roles_with(permission: Can, among: tuple[Role, ...]) -> list[str]:
    return [r.value for r in among if permission in ROLES[r]]


def meetings_where(user, permission: Can) -> QuerySet[Meeting]:
    """Meetings in which the caller holds the permission, built from their memberships."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    if permission in ROLES[Role.ADMIN] and user.is_staff:
        return Meeting.objects.select_related("series")
    staff = Q(
        series__in=SeriesRole.objects.filter(
            user=user, role__in=roles_with(permission, SERIES_ROLES)
        ).values("series_id")
    )
    if user.person_id is None:
        return Meeting.objects.filter(staff).select_related("series")
    member = Q(
        id__in=Participation.objects.filter(
            person_id=user.person_id,
            status__in=Participation.MEMBER_STATUSES,
            role__in=roles_with(permission, MEETING_ROLES),
        ).values("meeting_id")
    )
    return Meeting.objects.filter(staff | member).select_related("series")


def series_where(user, permission: Can) -> QuerySet[Series]:
    """Series in which the caller holds the permission in the series or in one of its meetings."""
    if not user.is_authenticated:
        return Series.objects.none()
    if permission in ROLES[Role.ADMIN] and user.is_staff:
        return Series.objects.all()
    staff = SeriesRole.objects.filter(
        user=user, role__in=roles_with(permission, SERIES_ROLES)
    ).values("series_id")
    via_meetings = meetings_where(user, permission).values("series_id")
    return Series.objects.filter(Q(id__in=staff) | Q(id__in=via_meetings))
