"""Recording bodies, drawing proposals into memoranda, transmitting, recording responses."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secondtrack.audit.services import current_actor, record
from secondtrack.balloons.models import Balloon, Statement
from secondtrack.dialogues.models import Series
from secondtrack.notifications.services import notify_memorandum_response, notify_transmission
from secondtrack.reports.models import Report, hash_token
from secondtrack.trackone.models import Body, Contact, Proposal, Response, Transmission


class TrackOneError(ValidationError):
    """Refused, with a sentence saying what to fix; nothing changed."""


def add_body(series: Series, name: str, kind: str) -> Body:
    if not name.strip():
        raise TrackOneError("A body needs a name.")
    if kind not in Body.Kind.values:
        raise TrackOneError("The kind is intergovernmental_forum, ministry or working_group.")
    return Body.objects.create(series=series, name=name.strip()[:300], kind=kind)


def add_contact(body: Body, name: str, email: str, role: str = "") -> Contact:
    if not name.strip() or "@" not in email:
        raise TrackOneError("A contact needs a name and an e-mail address.")
    return Contact.objects.create(
        body=body, name=name.strip(), email=email.strip().lower(), role=role.strip()
    )


def add_proposal(memorandum: Report, balloon: Balloon) -> Proposal:
    """Draw the proposal of a balloon that reached consensus into a memorandum."""
    if memorandum.kind != Report.Kind.MEMORANDUM:
        raise TrackOneError("Proposals go into a memorandum.")
    if balloon.series_id != memorandum.series_id:
        raise TrackOneError("That balloon belongs to another series.")
    if balloon.outcome != Balloon.Outcome.CONSENSUS:
        raise TrackOneError("Only a balloon closed with consensus can become a proposal.")
    if memorandum.proposals.filter(balloon=balloon).exists():
        raise TrackOneError("That proposal is already in this memorandum.")
    statement = balloon.statements.filter(kind=Statement.Kind.PROPOSAL).first()
    return Proposal.objects.create(
        memorandum=memorandum,
        balloon=balloon,
        text=statement.text if statement else balloon.title,
        position=memorandum.proposals.count(),
    )


@transaction.atomic
def transmit(memorandum: Report, body: Body, sent_by, base_url: str) -> tuple[Transmission, str]:
    """Send the latest published version to every contact of the body, with a link that
    needs no account, expires and can be revoked."""
    version = memorandum.versions.order_by("-number").first()
    if version is None:
        raise TrackOneError("Publish the memorandum before transmitting it.")
    if body.series_id != memorandum.series_id:
        raise TrackOneError("That body is recorded for another series.")
    contacts = list(body.contacts.all())
    if not contacts:
        raise TrackOneError(f"{body.name} has no contact to send to: add one first.")
    raw = secrets.token_urlsafe(32)
    transmission = Transmission.objects.create(
        version=version,
        body=body,
        sent_on=timezone.localdate(),
        token_hash=hash_token(raw),
        expires=timezone.now() + timedelta(days=settings.SECONDTRACK_RECIPIENT_LINK_DAYS),
        sent_by=sent_by,
    )
    link = f"{base_url.rstrip('/')}/t1/{raw}/"
    days = settings.SECONDTRACK_RECIPIENT_LINK_DAYS
    for contact in contacts:  # through the outbox: mailed once this transaction commits
        notify_transmission(contact=contact, version=version, body=body, link=link, days=days)
    detail = f"memorandum version {version.number} to body {body.id} ({len(contacts)} contacts)"
    series = memorandum.series_id
    record(sent_by, "transmitted", series=series, target=transmission, detail=detail)
    return transmission, raw


def revoke(transmission: Transmission) -> None:
    transmission.revoked = True
    transmission.save(update_fields=["revoked"])
    detail = f"recipient link of transmission to body {transmission.body_id} withdrawn"
    series = transmission.body.series_id
    record(current_actor(), "revoked", series=series, target=transmission, detail=detail)


def record_response(
    transmission: Transmission,
    proposal: Proposal,
    status: str,
    on: date | None = None,
    note: str = "",
    document_url: str = "",
    by_recipient: bool = False,
) -> Response:
    if proposal.memorandum_id != transmission.version.report_id:
        raise TrackOneError("That proposal is not in the memorandum this link was sent with.")
    if status not in Response.Status.values:
        raise TrackOneError(
            "The response is one of: received, under consideration, noted, adopted in part, "
            "adopted, declined."
        )
    if document_url and not document_url.startswith(("https://", "http://")):
        raise TrackOneError("The link to the official document must start with https://.")
    if len(note) > 500:
        raise TrackOneError("The public note holds at most 500 characters.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise TrackOneError("The date of a response cannot be in the future.")
    with transaction.atomic():
        response = Response.objects.create(
            transmission=transmission,
            proposal=proposal,
            status=status,
            on=on,
            note=note.strip(),
            document_url=document_url.strip(),
            by_recipient=by_recipient,
        )
        notify_memorandum_response(response)  # to the series' convenors, after commit
    return response
