"""Who may see and react to a balloon, as the access policy says: those who read the
content of its meeting (of any meeting of its series, for a series-wide balloon). Anyone
else gets 404 for the balloon itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from secondtrack.access.standing import require, series_grants, series_member_participations
from secondtrack.accounts.models import User
from secondtrack.balloons.models import Balloon
from secondtrack.core.policy import ROLES, Can, Grants, Role
from secondtrack.dialogues.models import Meeting, Participation, Series
from secondtrack.dialogues.selectors import meeting_access


@dataclass(frozen=True)
class Standing:
    """The caller's place where balloons are floated: a meeting, or a whole series."""

    series: Series
    meeting: Meeting | None
    participation: Participation | None  # the member participation they react through
    grants: Grants

    @property
    def is_member(self) -> bool:
        return self.participation is not None and self.participation.is_member

    @property
    def is_convenor(self) -> bool:
        return self.grants.can(Can.CONVENE)

    @property
    def can_speak(self) -> bool:
        return self.is_member and self.grants.can(Can.REACT)


@dataclass(frozen=True)
class BalloonAccess:
    balloon: Balloon
    standing: Standing

    @property
    def person_id(self) -> int | None:
        return self.standing.participation.person_id if self.standing.is_member else None

    @property
    def can_react(self) -> bool:
        return self.standing.can_speak

    @property
    def can_close(self) -> bool:
        return self.standing.is_convenor


def member_access(user: User, meeting_id: int) -> Standing:
    """Balloons of a meeting: for those the policy lets read its content."""
    access = meeting_access(user, meeting_id, need=Can.READ_CONTENT)
    m = access.meeting
    return Standing(m.series, m, access.participation, access.grants)


def series_access(user: User, series_id: int) -> Standing:
    """Series-wide balloons: for those who read content in the series or one of its meetings;
    404 for everyone else."""
    series = Series.objects.filter(id=series_id).first()
    if series is None or not user.is_authenticated:
        raise Http404("No such series.")
    granted = series_grants(user, series.id)
    require(granted, Can.KNOW, "series")
    require(granted, Can.READ_CONTENT, "series")
    mine = series_member_participations(user, series.id)
    reacting = [p for p in mine if Can.REACT in ROLES[Role(p.role)]]
    participation = (reacting or mine or [None])[0]
    return Standing(series, None, participation, granted)


def balloons_of(standing: Standing) -> QuerySet[Balloon]:
    if standing.meeting is not None:
        return Balloon.objects.filter(meeting=standing.meeting)
    return Balloon.objects.filter(series=standing.series, meeting__isnull=True)


def balloon_access(user: User, balloon_id: object) -> BalloonAccess:
    try:
        balloon = Balloon.objects.select_related("meeting", "series").get(id=balloon_id)
    except (Balloon.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such balloon.")
    if not user.is_authenticated:
        raise Http404("No such balloon.")
    try:
        if balloon.meeting_id is not None:
            return BalloonAccess(balloon, member_access(user, balloon.meeting_id))
        return BalloonAccess(balloon, series_access(user, balloon.series_id))
    except PermissionDenied:
        # A balloon is content: whoever may not read it may not know that it exists.
        raise Http404("No such balloon.")


def named_endorsers(statement_or_proposal: object) -> list[str]:
    """Names of the people who endorsed, by name, a statement (or, for a balloon or a
    memorandum's proposal drawn from one, its proposal statement), in name order.

    For the memorandum (trackone): only people who opted in appear, and nothing here says
    who floated or amended anything. A proposal entered by hand (no balloon) has none.
    """
    from secondtrack.balloons.models import Endorsement, Statement

    target = statement_or_proposal
    if not isinstance(target, (Statement, Balloon)):
        target = getattr(target, "balloon", None)
        if target is None:
            return []
    if isinstance(target, Balloon):
        rows = Endorsement.objects.filter(
            statement__balloon=target, statement__kind=Statement.Kind.PROPOSAL
        )
    else:
        rows = Endorsement.objects.filter(statement=target)
    return list(rows.order_by("person__name").values_list("person__name", flat=True))
