"""API for meetings' membership (design §5): invitations, and one's own listing choice."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.access.standing import require_may_create_series
from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import Capacity, Listing, MeetingRole, OrganisationKind
from secondtrack.core.policy import Can
from secondtrack.dialogues import desk, selectors, services
from secondtrack.dialogues.forms import CloneForm, MeetingForm, SeriesForm
from secondtrack.dialogues.models import Invitation, Meeting, Participation
from secondtrack.registry import services as registry_services
from secondtrack.registry.models import Person
from secondtrack.registry.selectors import search_people, visible_people

router = Router(tags=["meetings"])


class InvitationIn(Schema):
    """A new person by name and e-mail, or someone already on the meeting's list (a draft
    carried over by a clone) by ``person`` id: their registry e-mail and drafted role and
    capacity are used unless given."""

    name: str | None = Field(None, max_length=300, pattern=r"\S")
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    capacity: Capacity = Capacity.PRIVATE
    role: MeetingRole = MeetingRole.PARTICIPANT
    person: int | None = Field(
        None,
        description="a person on this meeting's list (a draft) or found in the registry"
        " (GET /api/meetings/{id}/candidates)",
    )
    new_person: bool = Field(
        False,
        description="with name and email: add them even though the registry holds people of"
        " that name (otherwise 409 lists them)",
    )
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$", description="a new person's country")
    organisation: str = Field("", max_length=300, description="a new person's organisation")
    organisation_kind: OrganisationKind = OrganisationKind.OTHER
    job_title: str = Field("", max_length=200)


class InvitationOut(Schema):
    id: int
    email: str
    name: str
    capacity: Capacity
    role: MeetingRole
    created: datetime
    expires: datetime


class ListingIn(Schema):
    listing: Listing


class ListingOut(Schema):
    listing: Listing
    shown_to_members: bool


ON_FILE = "(on file in the registry)"


def _invitation_out(invitation: Invitation, visible: set[int] = frozenset()) -> dict:
    """`visible`: ids of the people whose record the caller sees; an address taken from
    the registry is not shown to anyone else until the person accepts (issue 12)."""
    p = invitation.participation
    shown = not invitation.address_from_registry or p.person_id in visible
    return {
        "id": invitation.id,
        "email": invitation.email if shown else ON_FILE,
        "name": p.person.name,
        "capacity": p.capacity,
        "role": p.role,
        "created": invitation.created,
        "expires": invitation.expires,
    }


@router.post(
    "/meetings/{id:meeting_id}/invitations",
    response={201: InvitationOut, **refusals(403, 404, body=True)},
)
def invite(request: HttpRequest, meeting_id: int, payload: InvitationIn):
    """Convenors invite someone: a single-use link goes to them by e-mail (never here)."""
    access = selectors.convened_meeting(request.user, meeting_id)
    if payload.person is not None:
        if Participation.objects.filter(meeting=access.meeting, person=payload.person).exists():
            return Status(201, _invitation_out(_invite_listed(request, access, payload)))
        invitation = _invite_from_registry(request, access, payload)
        visible = set(visible_people(request.user).values_list("id", flat=True))
        return Status(201, _invitation_out(invitation, visible))
    if not (payload.name and payload.email):
        raise ApiError(422, "Give the invitee's name and email, or the id of a person on the list.")
    return Status(201, _invitation_out(_invite_new(request, access, payload)))


def _invite_from_registry(request: HttpRequest, access, payload: InvitationIn) -> Invitation:
    person = Person.objects.filter(id=payload.person).first()
    if person is None:
        raise ApiError(404, "No such person in the registry: search with /candidates.")
    email = payload.email or person.email
    if not email:
        raise ApiError(422, "The registry has no e-mail for this person: send 'email' too.")
    return services.invite_participant(
        meeting=access.meeting,
        invited_by=request.user,
        email=email,
        name=person.name,
        capacity=payload.capacity,
        role=payload.role,
        person=person,
        base_url=request.build_absolute_uri("/"),
        address_from_registry=not payload.email,
    )


def _invite_new(request: HttpRequest, access, payload: InvitationIn) -> Invitation:
    """Someone by name and e-mail: the registry's entry for that e-mail if there is one,
    else a new entry, but only once no one of that name is in the registry (or the caller
    says `new_person`)."""
    email = payload.email.strip().lower()
    existing = Person.objects.filter(email=email).first()
    if existing is None and not payload.new_person:
        found = search_people(request.user, payload.name, access.meeting)
        if found:
            ids = ", ".join(str(c.person.id) for c in found)
            raise ApiError(
                409,
                f"The registry has people of this name (ids {ids}): invite one of them with"
                " 'person', or send \"new_person\": true to add someone new.",
                "possible_duplicate",
            )
    with transaction.atomic():
        person = existing or registry_services.create_person(
            name=payload.name,
            email=email,
            country=payload.country.upper(),
            organisation=payload.organisation,
            organisation_kind=payload.organisation_kind,
            job_title=payload.job_title,
        )
        return services.invite_participant(
            meeting=access.meeting,
            invited_by=request.user,
            email=email,
            name=payload.name,
            capacity=payload.capacity,
            role=payload.role,
            person=person,
            base_url=request.build_absolute_uri("/"),
        )


def _invite_listed(request: HttpRequest, access, payload: InvitationIn) -> Invitation:
    """Someone already on the meeting's list: a draft keeps its drafted role and capacity
    unless the payload sets them; anyone else is invited again as the payload says."""
    listed = selectors.participation_in(access, payload.person)
    base_url = request.build_absolute_uri("/")
    chosen = payload.model_fields_set
    if listed.status == listed.Status.DRAFT:
        listed.role = payload.role if "role" in chosen else listed.role
        listed.capacity = payload.capacity if "capacity" in chosen else listed.capacity
        return desk.invite_draft(
            listed, invited_by=request.user, base_url=base_url, email=payload.email or ""
        )
    email = payload.email or listed.person.email
    if not email:
        raise ApiError(422, f"{listed.person.name} has no e-mail address: send 'email' too.")
    return services.invite_participant(
        meeting=access.meeting,
        invited_by=request.user,
        email=email,
        name=listed.person.name,
        capacity=payload.capacity,
        role=payload.role,
        person=listed.person,
        base_url=base_url,
    )


@router.get(
    "/meetings/{id:meeting_id}/invitations",
    response={200: list[InvitationOut], **refusals(403, 404)},
)
def pending_invitations(request: HttpRequest, meeting_id: int):
    """Invitations not yet used and not expired; the links themselves are never shown."""
    access = selectors.convened_meeting(request.user, meeting_id)
    pending = (
        Invitation.objects.filter(
            participation__meeting=access.meeting, used__isnull=True, expires__gt=timezone.now()
        )
        .select_related("participation__person")
        .order_by("created", "id")
    )
    visible = set(visible_people(request.user).values_list("id", flat=True))
    return [_invitation_out(i, visible) for i in pending]


class DetailOut(Schema):
    detail: str


@router.post(
    "/meetings/{id:meeting_id}/participants/{id:person_id}/revoke",
    response={200: DetailOut, **refusals(403, 404)},
)
def revoke(request: HttpRequest, meeting_id: int, person_id: int):
    """Convenors end a membership now: the person's open live pages are disconnected."""
    access = selectors.convened_meeting(request.user, meeting_id)
    services.revoke_participation(selectors.participation_in(access, person_id), request.user)
    return {"detail": "The membership is revoked; the person's live pages are closed."}


@router.put(
    "/meetings/{id:meeting_id}/me/listing",
    response={200: ListingOut, **refusals(403, 404, body=True)},
)
def my_listing(request: HttpRequest, meeting_id: int, payload: ListingIn):
    """Whether one's own name is listed to the other members of the meeting."""
    access = selectors.meeting_access(request.user, meeting_id, need=Can.CHOOSE_LISTING)
    if not access.is_member:
        raise ApiError(403, "Only members of the meeting choose how they are listed.")
    services.set_listing(access.participation, payload.listing)
    return {"listing": payload.listing, "shown_to_members": access.participation.shown_to_members}


# convenor's desk: series and meetings. Payloads are typed here (for the schema) and then
# validated by the same forms as the pages, so both refuse bad input with the same
# sentences and write nothing.


class SeriesIn(Schema):
    title: str = Field(max_length=300)
    description: str = ""


class SeriesPatch(Schema):
    title: str | None = Field(None, max_length=300)
    description: str | None = None


class MeetingIn(Schema):
    title: str = Field(max_length=300)
    starts: date
    ends: date
    place: str = ""
    time_zone: str = "UTC"
    country: str = ""
    theme: str = ""
    host_organisation: int | None = None
    co_hosts: list[int] = []
    agenda_set_by: Meeting.Agenda = Meeting.Agenda.INDEPENDENT
    invitations_routed: Meeting.Routing = Meeting.Routing.CONVENOR
    outputs_to_track_one: bool = False
    claimed_track: Meeting.Track = Meeting.Track.TWO
    listing_policy: Meeting.Listing = Meeting.Listing.UNLISTED
    parent: int | None = Field(None, description="the main meeting, for a side meeting")


class MeetingPatch(Schema):
    title: str | None = Field(None, max_length=300)
    starts: date | None = None
    ends: date | None = None
    place: str | None = None
    time_zone: str | None = None
    country: str | None = None
    theme: str | None = None
    host_organisation: int | None = None
    co_hosts: list[int] | None = None
    agenda_set_by: Meeting.Agenda | None = None
    invitations_routed: Meeting.Routing | None = None
    outputs_to_track_one: bool | None = None
    claimed_track: Meeting.Track | None = None
    listing_policy: Meeting.Listing | None = None
    parent: int | None = None


class CloneIn(Schema):
    title: str = Field(max_length=300)
    starts: date
    ends: date
    place: str = ""


class CreatedOut(Schema):
    id: int


def _refuse(form) -> ApiError:
    """Every field error of a form, as one 422 sentence naming each field."""
    parts = [
        f"{field if field != '__all__' else 'body'}: {' '.join(errors)}"
        for field, errors in form.errors.items()
    ]
    return ApiError(422, " ".join(parts))


def _stored(meeting: Meeting) -> dict:
    data = model_to_dict(meeting, fields=MeetingForm.Meta.fields)
    data["co_hosts"] = [o.pk for o in data["co_hosts"]]
    return data


@router.post("/series", response={201: CreatedOut, **refusals(403, body=True)})
def create_series(request: HttpRequest, payload: SeriesIn):
    """Start a series and become its convenor (convenors of a series and admins only)."""
    require_may_create_series(request.user)
    form = SeriesForm(payload.dict())
    if not form.is_valid():
        raise _refuse(form)
    return Status(201, {"id": desk.create_series(request.user, **form.cleaned_data).id})


@router.patch("/series/{id:series_id}", response={200: CreatedOut, **refusals(403, 404, body=True)})
def edit_series(request: HttpRequest, series_id: int, payload: SeriesPatch):
    series = selectors.series_for(request.user, series_id, need=Can.CONVENE)
    data = {"title": series.title, "description": series.description}
    form = SeriesForm(data | payload.dict(exclude_unset=True), instance=series)
    if not form.is_valid():
        raise _refuse(form)
    return {"id": desk.edit_series(series, form.cleaned_data).id}


@router.post(
    "/series/{id:series_id}/meetings", response={201: CreatedOut, **refusals(403, 404, body=True)}
)
def create_meeting(request: HttpRequest, series_id: int, payload: MeetingIn):
    """A meeting of the series, or a side meeting of one of its meetings (``parent``)."""
    series = selectors.series_for(request.user, series_id, need=Can.CONVENE)
    form = MeetingForm(payload.dict(), series=series)
    if not form.is_valid():
        raise _refuse(form)
    return Status(201, {"id": desk.save_meeting(form).id})


# Registered in api/endpoints.py, beside GET /meetings/{id}: one path, one router.
EDIT_MEETING_RESPONSES = {200: CreatedOut, **refusals(403, 404, body=True)}


def edit_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch):
    """Change only the fields sent; the others keep their stored values."""
    meeting = selectors.convened_meeting(request.user, meeting_id).meeting
    data = _stored(meeting) | payload.dict(exclude_unset=True)
    form = MeetingForm(data, instance=meeting, series=meeting.series)
    if not form.is_valid():
        raise _refuse(form)
    return {"id": desk.save_meeting(form).id}


@router.post(
    "/meetings/{id:meeting_id}/clone", response={201: CreatedOut, **refusals(403, 404, body=True)}
)
def clone_meeting(request: HttpRequest, meeting_id: int, payload: CloneIn):
    """The next round: setting, sessions (shifted) and the invitation list as drafts."""
    source = selectors.convened_meeting(request.user, meeting_id).meeting
    form = CloneForm(payload.dict())
    if not form.is_valid():
        raise _refuse(form)
    return Status(201, {"id": desk.clone_meeting(source, **form.cleaned_data).id})
