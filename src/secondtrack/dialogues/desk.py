"""The convenor's desk: operations that set up series and meetings (issue 11).

One function per use case; each takes input already validated by the forms in
``dialogues/forms.py`` and writes inside one transaction, so bad input writes nothing.
Who may call them is decided before, by the selectors (``series_for``, ``convened_meeting``)
and ``access.standing.require_may_create_series``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from secondtrack.access.standing import require_may_create_series
from secondtrack.accounts.models import User
from secondtrack.audit.services import current_actor, record
from secondtrack.dialogues import services
from secondtrack.dialogues.models import (
    Invitation,
    Meeting,
    Participation,
    Series,
    SeriesRole,
    Session,
)

# Meeting fields a clone takes from the earlier meeting (title, dates and place are new).
CLONED_FIELDS = (
    "theme",
    "country",
    "host_organisation",
    "time_zone",
    "claimed_track",
    "agenda_set_by",
    "invitations_routed",
    "outputs_to_track_one",
    "listing_policy",
)


class DraftError(ValidationError):
    """A draft participation cannot be invited as asked; the sentence says what to do."""


@transaction.atomic
def create_series(user: User, *, title: str, description: str = "") -> Series:
    """Start a series; its creator becomes its convenor."""
    require_may_create_series(user)
    series = Series.objects.create(title=title, description=description)
    SeriesRole.objects.create(series=series, user=user, role=SeriesRole.Role.CONVENOR)
    record(user, "series_created", series=series, target=series, detail=f"series {series.id}")
    return series


@transaction.atomic
def edit_series(series: Series, data: dict[str, Any]) -> Series:
    for field in ("title", "description"):
        if field in data:
            setattr(series, field, data[field])
    series.save()
    return series


@transaction.atomic
def save_meeting(form) -> Meeting:  # a valid MeetingForm, new or bound to a meeting
    """Create or edit a meeting from a valid form, co-hosts included, in one transaction."""
    new = form.instance.pk is None
    meeting = form.save()
    if new:
        detail = f"meeting {meeting.id}"
        record(
            current_actor(),
            "meeting_created",
            series=meeting.series_id,
            target=meeting,
            detail=detail,
        )
    return meeting


@transaction.atomic
def clone_meeting(source: Meeting, *, title: str, starts, ends, place: str = "") -> Meeting:
    """The next round of a meeting: its setting, its sessions shifted to the new dates, and
    its invitation list as drafts (nobody is invited or e-mailed until the convenor says)."""
    meeting = Meeting.objects.create(
        series=source.series,
        title=title,
        starts=starts,
        ends=ends,
        place=place or source.place,
        **{f: getattr(source, f) for f in CLONED_FIELDS},
    )
    meeting.co_hosts.set(source.co_hosts.all())
    shift = starts - source.starts
    for s in source.sessions.order_by("position", "starts", "id"):
        # Every cloned session waits: for its (shifted) start, or, untimed, for the convenor
        # to time or open it; it is never open weeks before the meeting.
        timed = {"starts": s.starts + shift} if s.starts else {}
        timed["status"] = Session.Status.SCHEDULED
        Session.objects.create(
            meeting=meeting,
            title=s.title,
            rule=s.rule,
            position=s.position,
            room=s.room,
            duration_minutes=s.duration_minutes,
            **timed,
        )
    drafts = [
        Participation(
            meeting=meeting,
            person_id=p.person_id,
            role=p.role,
            capacity=p.capacity,
            status=Participation.Status.DRAFT,
        )
        for p in source.participations.exclude(status=Participation.Status.REVOKED)
    ]
    Participation.objects.bulk_create(drafts)
    detail = f"meeting {meeting.id}, cloned from meeting {source.id}"
    record(
        current_actor(), "meeting_created", series=meeting.series_id, target=meeting, detail=detail
    )
    return meeting


def invite_draft(
    draft: Participation, *, invited_by: User, base_url: str, email: str = ""
) -> Invitation:
    """Send the invitation for someone on the draft list, with the role and capacity
    drafted for them (the existing invitation service sends the link)."""
    if draft.status != Participation.Status.DRAFT:
        raise DraftError(
            f"{draft.person.name} is not on the draft list (they are {draft.status}): "
            "invite them from the invitation form instead."
        )
    address = (email or draft.person.email).strip()
    if not address:
        raise DraftError(
            f"{draft.person.name} has no e-mail address in the registry: add one to "
            "their entry, or give the address with the invitation."
        )
    return services.invite_participant(
        meeting=draft.meeting,
        invited_by=invited_by,
        email=address,
        name=draft.person.name,
        capacity=draft.capacity,
        role=draft.role,
        person=draft.person,
        base_url=base_url,
    )
