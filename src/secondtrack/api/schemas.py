from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from secondtrack.core.deattribution.finding import Category, Severity
from secondtrack.core.policy import Role, Rule
from secondtrack.dialogues.models import Meeting, Participation, Session
from secondtrack.registry.models import Organisation

# Facts defined once: the enums come from core/policy.py and the models' TextChoices.
Track = Meeting.Track
Listing = Participation.Listing
Capacity = Participation.Capacity
MeetingRole = Participation.Role
OrganisationKind = Organisation.Kind
SessionStatus = Session.Status
FindingCategory = Category | Literal["author"]


class TokenIn(Schema):
    email: str
    password: str
    otp: str = Field(
        "",
        description="the authenticator's current code (or a recovery code), for accounts "
        "that sign in with a second factor",
    )


class TokenOut(Schema):
    token: str
    expires: datetime


class ErrorOut(Schema):
    """Every refusal: a sentence saying what to do, and a machine code."""

    detail: str
    code: str


class FindingOut(Schema):
    start: int
    end: int
    category: FindingCategory
    severity: Severity
    replacement: str
    explanation: str


class OpenFindingsOut(ErrorOut):
    """A publication refused because the attribution checker still finds something."""

    findings: list[FindingOut]


class DetailOut(Schema):
    detail: str


class MeetingOut(Schema):
    id: int
    title: str
    series: int
    series_title: str
    starts: date
    ends: date
    place: str
    track: Track
    track_explanation: str
    claimed_track: Track


class SideMeetingOut(Schema):
    id: int
    title: str


class MeetingDetailOut(MeetingOut):
    theme: str
    host_organisation: str | None
    listing_policy: Meeting.Listing
    your_role: Role | None
    convenor: bool
    time_zone: str
    country: str
    agenda_set_by: Meeting.Agenda
    invitations_routed: Meeting.Routing
    outputs_to_track_one: bool
    parent: int | None = Field(description="the main meeting, if this is a side meeting")
    side_meetings: list[SideMeetingOut] = Field(
        description="side meetings of this one that the caller may know exist"
    )


class ParticipantOut(Schema):
    name: str
    honorific: str
    affiliation: str | None
    capacity: Capacity | None = None
    role: MeetingRole | None = None
    status: Participation.Status | None = None
    person: int | None = None


class ParticipantsOut(Schema):
    participants: list[ParticipantOut]
    not_listed: int


class SessionOut(Schema):
    id: int
    title: str
    rule: Rule
    status: SessionStatus
    starts: datetime | None
    rule_locked: bool


class SessionIn(Schema):
    title: str
    rule: Rule


class CreatedOut(Schema):
    id: int


class AffiliationOut(Schema):
    organisation: str
    organisation_kind: str
    role: str
    kind: str
    start: date | None
    end: date | None
    active: bool


class StepOut(Schema):
    organisation: str
    linkage: float
    linkage_reason: str
    weight: float
    contribution: float


class PersonOut(Schema):
    id: int
    name: str
    other_names: list[str]
    honorific: str
    countries: list[str]
    at: date
    officialness: float
    band: str
    serving_official: bool
    derivation: str
    steps: list[StepOut]
    affiliations: list[AffiliationOut]


class CompositionCellOut(Schema):
    value: str
    count: int | None = Field(description="null when suppressed: it would describe fewer than k")
    label: str = Field(description='the count as shown, e.g. "4" or "fewer than 3"')


class CompositionOut(Schema):
    total: int | None = Field(description="null when fewer than k attend")
    total_label: str
    suppressed_below: int | None = Field(description="k; null when counts are exact (convenors)")
    counts: dict[str, list[CompositionCellOut]]
