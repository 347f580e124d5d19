"""API for meetings' membership (design §5): invitations, and one's own listing choice."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import Capacity, Listing, MeetingRole
from secondtrack.core.policy import Can
from secondtrack.dialogues import selectors, services
from secondtrack.dialogues.models import Invitation

router = Router(tags=["meetings"])


class InvitationIn(Schema):
    name: str = Field(max_length=300, pattern=r"\S")
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    capacity: Capacity = Capacity.PRIVATE
    role: MeetingRole = MeetingRole.PARTICIPANT


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


def _invitation_out(invitation: Invitation) -> dict:
    p = invitation.participation
    return {
        "id": invitation.id,
        "email": invitation.email,
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
    invitation = services.invite_participant(
        meeting=access.meeting,
        invited_by=request.user,
        email=payload.email,
        name=payload.name,
        capacity=payload.capacity,
        role=payload.role,
        base_url=request.build_absolute_uri("/"),
    )
    return Status(201, _invitation_out(invitation))


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
    return [_invitation_out(i) for i in pending]


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
