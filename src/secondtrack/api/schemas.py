from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class TokenIn(Schema):
    email: str
    password: str


class TokenOut(Schema):
    token: str
    expires: datetime


class ErrorOut(Schema):
    detail: str


class MeetingOut(Schema):
    id: int
    title: str
    series: int
    series_title: str
    starts: date
    ends: date
    place: str
    track: str
    track_explanation: str
    claimed_track: str


class MeetingDetailOut(MeetingOut):
    theme: str
    host_organisation: str | None
    listing_policy: str
    your_role: str | None
    convenor: bool


class ParticipantOut(Schema):
    name: str
    honorific: str
    affiliation: str | None
    capacity: str | None = None
    role: str | None = None
    status: str | None = None
    person: int | None = None


class ParticipantsOut(Schema):
    participants: list[ParticipantOut]
    not_listed: int


class SessionOut(Schema):
    id: int
    title: str
    rule: str
    status: str
    starts: datetime | None
    rule_locked: bool


class SessionIn(Schema):
    title: str
    rule: str


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


class CompositionOut(Schema):
    total: int
    counts: dict[str, list[tuple[str, int]]]
