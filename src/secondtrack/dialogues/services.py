"""Operations that change dialogues: inviting, accepting, listing choices, sessions."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secondtrack.access.standing import meeting_grants, require
from secondtrack.accounts.models import User
from secondtrack.audit.services import record
from secondtrack.core.policy import Can
from secondtrack.dialogues import timetable
from secondtrack.dialogues.models import (
    Invitation,
    Meeting,
    Participation,
    Session,
    hash_invitation_token,
)
from secondtrack.notifications.services import notify_invitation
from secondtrack.record.live import recheck_access
from secondtrack.registry.models import Person


class InvitationError(Exception):
    """The invitation link cannot be used; the message says why and what to do."""


@transaction.atomic
def invite_participant(
    *,
    meeting: Meeting,
    invited_by: User,
    email: str,
    name: str,
    capacity: str = Participation.Capacity.PRIVATE,
    role: str = Participation.Role.PARTICIPANT,
    person: Person | None = None,
    base_url: str,
    address_from_registry: bool = False,
) -> Invitation:
    """Create (or reuse) the person and their participation, and e-mail a single-use link
    (through the outbox: it goes out once this transaction commits)."""
    email = email.strip().lower()
    if person is None:
        person = Person.objects.filter(email=email).first() or Person.objects.create(
            name=name.strip(), email=email
        )
    participation, created = Participation.objects.get_or_create(
        meeting=meeting, person=person, defaults={"capacity": capacity, "role": role}
    )
    if not created and participation.is_member:
        raise ValidationError(f"{email} is already a member of this meeting.")
    if not created:
        participation.status = Participation.Status.INVITED
        participation.capacity, participation.role = capacity, role
        participation.save(update_fields=["status", "capacity", "role"])
    participation.invitations.filter(used__isnull=True).update(expires=timezone.now())
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        participation=participation,
        email=email,
        token_hash=hash_invitation_token(raw),
        expires=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        invited_by=invited_by,
        address_from_registry=address_from_registry,
    )
    link = f"{base_url.rstrip('/')}/invitation/{raw}/"
    detail = f"invited to meeting {meeting.id} as {role} ({capacity})"
    record(invited_by, "invited", series=meeting.series_id, target=participation, detail=detail)
    notify_invitation(
        email=email, meeting=meeting, person=person, link=link, days=settings.INVITATION_DAYS
    )
    return invitation


def find_invitation(raw_token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("participation__meeting", "participation__person")
        .filter(token_hash=hash_invitation_token(raw_token))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Ask the convenor for a new one.")
    if invitation.used is not None:
        raise InvitationError(
            "This invitation link has already been used. Log in with your e-mail and password."
        )
    if invitation.expires <= timezone.now():
        raise InvitationError("This invitation link has expired. Ask the convenor for a new one.")
    return invitation


@transaction.atomic
def accept_invitation(raw_token: str, password: str) -> User:
    """Use the link once: set the password (argon2), accept, and return the user to log in."""
    invitation = find_invitation(raw_token)
    invitation = Invitation.objects.select_for_update().get(id=invitation.id)
    if invitation.used is not None:
        raise InvitationError("This invitation link has already been used.")
    participation = invitation.participation
    person = participation.person
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            invitation.email, password, display_name=person.name, person=person
        )
    elif user.person_id not in (None, person.id):
        raise InvitationError("This e-mail address belongs to another person. Ask the convenor.")
    else:
        user.person = person
        user.set_password(password)
        user.save()
    participation.status = Participation.Status.ACCEPTED
    participation.save(update_fields=["status"])
    invitation.used = timezone.now()
    invitation.save(update_fields=["used"])
    return user


@transaction.atomic
def decline_invitation(raw_token: str) -> None:
    invitation = find_invitation(raw_token)
    participation = invitation.participation
    participation.status = Participation.Status.DECLINED
    participation.save(update_fields=["status"])
    invitation.used = timezone.now()
    invitation.save(update_fields=["used"])


@transaction.atomic
def revoke_participation(participation: Participation, by: User) -> Participation:
    """End a membership now: a convenor's act. Unused invitation links stop working, and
    once this commits every live socket of the person re-checks its access and closes."""
    granted, _ = meeting_grants(by, participation.meeting)
    require(granted, Can.CONVENE)
    participation.status = Participation.Status.REVOKED
    participation.save(update_fields=["status"])
    participation.invitations.filter(used__isnull=True).update(expires=timezone.now())
    recheck_access(participation.person_id)
    detail = f"participation revoked in meeting {participation.meeting_id}"
    series = participation.meeting.series_id
    record(by, "revoked", series=series, target=participation, detail=detail)
    return participation


def set_listing(participation: Participation, listing: str) -> None:
    if listing not in Participation.Listing.values:
        raise ValidationError(f"{listing!r} is not a listing choice.")
    participation.listing = listing
    participation.save(update_fields=["listing"])


def add_session(meeting: Meeting, title: str, rule: str, **fields: object) -> Session:
    """A session on the meeting's timetable: scheduled if it starts later, else open now."""
    return timetable.schedule_session(meeting, title=title, rule=rule, **fields)


def change_rule(session: Session, rule: str) -> Session:
    """The one way the pages, the API and the plan change a rule: only until it starts."""
    return timetable.edit_session(session, rule=rule)
