"""Aggregates over meetings: track classification and composition. No names leave here."""

from __future__ import annotations

from datetime import date

from secondtrack.access.standing import require
from secondtrack.core import composition, delegation, same_faces, track
from secondtrack.core.policy import K_DEFAULT, Can
from secondtrack.dialogues.models import Meeting, Participation
from secondtrack.dialogues.selectors import MeetingAccess, meetings_with_people


def _attending(meeting: Meeting) -> list[Participation]:
    """Participations that count at the table. Uses the prefetch cache when present."""
    return [p for p in meeting.participations.all() if p.is_member]


def meeting_seats(meeting: Meeting, on: date | None = None) -> list[track.Seat]:
    """Who sits at the table, as the classification sees them on the meeting's first day."""
    seats = []
    for p in _attending(meeting):
        score = p.person.officialness(on or meeting.starts)
        seats.append(track.Seat(p.capacity, score.score, score.serving_official))
    return seats


def meeting_setting(meeting: Meeting) -> track.MeetingSetting:
    return track.MeetingSetting(
        meeting.agenda_set_by, meeting.invitations_routed, meeting.outputs_to_track_one
    )


def meeting_track(meeting: Meeting) -> track.TrackResult:
    return track.classify(meeting_seats(meeting), meeting_setting(meeting))


def track_preview(proposed: Meeting, saved: Meeting | None = None) -> track.TrackResult:
    """The track a meeting would have with the proposed (unsaved) setting: the table of the
    saved meeting, if there is one (a new meeting has nobody at it yet)."""
    seats = meeting_seats(saved, on=proposed.starts) if saved is not None else []
    return track.classify(seats, meeting_setting(proposed))


def sector_of(p: Participation, when: date) -> str:
    """The sector a participant sits in: their listed affiliation's, else their employer's."""
    if p.listed_affiliation_id:
        return p.listed_affiliation.organisation.get_kind_display()
    active = [a for a in p.person.affiliations.all() if a.active_on(when)]
    employment = [a for a in active if a.kind == "employment"] or active
    return employment[0].organisation.get_kind_display() if employment else "unknown"


def returning_people(meeting: Meeting) -> set[int]:
    """Ids of people who attended or accepted an earlier meeting of the same series."""
    return set(
        Participation.objects.filter(
            meeting__series_id=meeting.series_id,
            meeting__starts__lt=meeting.starts,
            status__in=Participation.MEMBER_STATUSES,
        ).values_list("person_id", flat=True)
    )


def _expected(meeting: Meeting) -> list[Participation]:
    """Members, and those invited who have not answered yet: the room if all accept."""
    counted = (*Participation.MEMBER_STATUSES, Participation.Status.INVITED)
    return [p for p in meeting.participations.all() if p.status in counted]


def meeting_composition(meeting: Meeting, pending: bool = False) -> composition.Composition:
    """Who sits at the table; with `pending`, as if every open invitation were accepted
    (for the convenor while inviting)."""
    returning = returning_people(meeting)
    attendees = []
    for p in _expected(meeting) if pending else _attending(meeting):
        person = p.person
        attendees.append(
            composition.Attendee(
                country=person.primary_country,
                sector=sector_of(p, meeting.starts),
                band=person.officialness(meeting.starts).band,
                gender=person.get_gender_display() if person.gender else "",
                first_time=person.id not in returning,
            )
        )
    return composition.compose(attendees)


def seats(meeting: Meeting, pending: bool = True) -> list[tuple[str, str]]:
    """(country, delegation seat) of each person in the room (core/delegation.py)."""
    out = []
    for p in _expected(meeting) if pending else _attending(meeting):
        posts = [
            delegation.Post(a.organisation.kind, a.organisation.portfolio, a.organisation.mandate)
            for a in p.person.affiliations.all()
            if a.active_on(meeting.starts)
        ]
        out.append((p.person.primary_country, delegation.seat_of(posts, p.person.sector)))
    return out


def composition_for(access: MeetingAccess) -> composition.Composition:
    """The room's composition as the policy lets the caller see it: exact for convenors (who
    see every participant anyway), with no count under k for everyone else."""
    require(access.grants, Can.READ_COMPOSITION)
    meeting = meetings_with_people(Meeting.objects.filter(id=access.meeting.id)).get()
    result = meeting_composition(meeting)
    return result if access.can(Can.CONVENE) else result.suppressed(K_DEFAULT)


def series_same_faces(series, exact: bool) -> same_faces.SameFaces:
    """The same-faces index of a series' main meetings (side meetings aside), oldest
    first; `exact` for convenors, else no count under k."""
    meetings = Meeting.objects.filter(series=series, parent__isnull=True).order_by("starts", "id")
    members = Participation.objects.filter(
        meeting__in=meetings, status__in=Participation.MEMBER_STATUSES
    ).values_list("meeting_id", "person_id")
    by_meeting: dict[int, set[int]] = {m.id: set() for m in meetings}
    for meeting_id, person_id in members:
        by_meeting[meeting_id].add(person_id)
    attendance = [(m.title, by_meeting[m.id]) for m in meetings if by_meeting[m.id]]
    return same_faces.same_faces(attendance, k=0 if exact else K_DEFAULT)
