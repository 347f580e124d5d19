"""What a convenor sees while inviting (design §1 "Inclusivity"): the registry search, the
room as it would be if every open invitation were accepted, the delegation targets' gaps
and surpluses per country, and breaches recorded in the series for those they find."""

from __future__ import annotations

from dataclasses import dataclass

from secondtrack.accounts.models import User
from secondtrack.analytics.selectors import meeting_composition, seats
from secondtrack.core import composition, delegation
from secondtrack.dialogues.models import DelegationTarget, Meeting, Participation
from secondtrack.dialogues.selectors import meetings_with_people
from secondtrack.registry.selectors import Candidate, search_people


@dataclass(frozen=True)
class InviteView:
    meeting: Meeting
    query: str
    candidates: list[Candidate]
    room: composition.Composition
    pending: int
    delegations: list[delegation.Delegation]
    has_targets: bool


def targets_of(meeting: Meeting) -> list[delegation.Target]:
    rows = DelegationTarget.objects.filter(series_id=meeting.series_id)
    return [delegation.Target(t.country, t.category, t.count) for t in rows]


def invite_view(user: User, meeting: Meeting, query: str) -> InviteView:
    """For a meeting the caller convenes (the view has checked)."""
    full = meetings_with_people(Meeting.objects.filter(id=meeting.id)).get()
    targets = targets_of(meeting)
    return InviteView(
        meeting=meeting,
        query=query,
        candidates=search_people(user, query, meeting) if query.strip() else [],
        room=meeting_composition(full, pending=True),
        pending=sum(p.status == Participation.Status.INVITED for p in full.participations.all()),
        delegations=delegation.delegations(seats(full), targets),
        has_targets=bool(targets),
    )
