"""Writing the record: posting, editing, withdrawing and closing, each rule enforced by storage.

Nothing here logs: log lines would pair people with contributions.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from secondtrack.attribution.services import scan_as_author
from secondtrack.audit.services import current_actor, record
from secondtrack.core import policy, sealing
from secondtrack.core.policy import Authorship
from secondtrack.dialogues.models import Session
from secondtrack.record import batches, live
from secondtrack.record.authorship import author_id, is_mine, mine
from secondtrack.record.keystore import keystore, session_key_name
from secondtrack.record.models import Contribution
from secondtrack.record.selectors import SessionAccess
from secondtrack.record.storage import session_key, store_text

__all__ = ["is_mine", "mine"]  # re-exported: pages and the API ask services for them
log = logging.getLogger(__name__)


class RecordError(Exception):
    """A request the record refuses; the message says why and what to do. Nothing changed."""

    status = 422


class SessionClosed(RecordError):
    status = 409


class NotYours(RecordError):
    status = 403


@dataclass(frozen=True)
class Posted:
    contribution: Contribution
    capability: str | None  # non-attributable: give to the author's browser, never stored
    findings: list = field(default_factory=list)  # what in the text may identify someone


def _clean_text(text: object) -> str:
    if not isinstance(text, str):
        raise RecordError("Send the contribution as text.")
    text = text.strip()
    if not text:
        raise RecordError("Write something before posting: the contribution is empty.")
    limit = settings.CONTRIBUTION_MAX_CHARS
    if len(text) > limit:
        raise RecordError(
            f"A contribution holds at most {limit:,} characters; this one has {len(text):,}. "
            "Split it in two."
        )
    return text


def _require_open(session: Session) -> None:
    if session.status == Session.Status.SCHEDULED:
        raise SessionClosed(
            "This session has not started: post when it opens, at the time on the agenda."
        )
    if session.status != Session.Status.OPEN:
        raise SessionClosed("This session is closed: its record is read-only.")


def post(
    access: SessionAccess,
    text: object,
    *,
    reply_to: object = None,
    kind: str = Contribution.Kind.CONTRIBUTION,
    attribute_to_me: bool = False,
) -> Posted:
    session = access.session
    _require_open(session)
    if kind == Contribution.Kind.NOTE and not access.can_take_notes:
        raise NotYours("Only the meeting's rapporteur records notes of interventions.")
    if kind not in (Contribution.Kind.CONTRIBUTION, Contribution.Kind.NOTE):
        raise RecordError("A contribution is either a contribution or a rapporteur's note.")
    if not access.can_speak:
        raise NotYours("Your role in this meeting is to listen: you cannot post.")
    body = _clean_text(text)
    parent = None
    if reply_to:
        parent = Contribution.objects.filter(session=session, id=_uuid(reply_to)).first()
        if parent is None:
            raise RecordError("You can only reply to a contribution of this session.")
        if parent.withdrawn:
            raise RecordError("That contribution was withdrawn: you can no longer reply to it.")
    c = Contribution(session=session, reply_to=parent, kind=kind)
    store_text(c, session, body)
    capability = None
    spec = access.rule
    if spec.authorship == Authorship.NAMED:
        c.speaker_id = access.person_id
    elif spec.authorship == Authorship.CAPABILITY:
        capability = sealing.new_capability()
        c.capability_hash = sealing.capability_hash(capability)
    else:
        c.seal = sealing.seal(session_key(session), author_id(access), str(c.id))
        if attribute_to_me and spec.opt_in_attribution:
            c.speaker_id = access.person_id  # opt-in attribution of this one statement
    if spec.times_kept:
        c.posted = timezone.now()
    c.released = not batches.batched(session)
    c.save()
    # The contribution is stored: what follows must never turn that into an error.
    try:
        if c.released:
            live.announce(session, "posted", c)
        batches.release_due(session)  # this one may complete a batch that is due
    except Exception:  # the next tick releases the batch; logged without content
        log.exception("session %s: announcing a stored contribution failed", session.id)
    return Posted(c, capability, _check(session, body, access.person_id))


def _check(session: Session, text: str, author: int | None = None) -> list:
    """Non-attributed text is scanned on save, so its author can neutralise a slip; as
    written by its author, so what narrows them down is found too (category author).
    A scan that fails leaves the stored contribution as it is and finds nothing."""
    if not policy.rule(session.rule).scanned:
        return []
    try:
        return scan_as_author(session.meeting, text, author)
    except Exception:  # logged by exception type only: never the text
        log.error("session %s: the attribution scan failed; no findings shown", session.id)
        return []


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise RecordError(f"{value!r} is not the id of a contribution.") from None


def _editable(access: SessionAccess, c: Contribution, capability: str | None) -> None:
    _require_open(access.session)
    if c.withdrawn:
        raise SessionClosed("This contribution was withdrawn: it can no longer be changed.")
    if not is_mine(access, c, capability):
        raise NotYours("Only its author can change a contribution.")


@transaction.atomic
def edit(
    access: SessionAccess, c: Contribution, text: object, capability: str | None = None
) -> list:
    _editable(access, c, capability)
    body = _clean_text(text)
    store_text(c, access.session, body)
    c.edited = True
    c.save(update_fields=["text", "sealed_text", "edited"])
    _announce_change(access, c, "edited")
    return _check(access.session, body)


@transaction.atomic
def withdraw(access: SessionAccess, c: Contribution, capability: str | None = None) -> None:
    _editable(access, c, capability)
    c.text, c.sealed_text, c.withdrawn = "", None, True
    c.seal, c.capability_hash, c.speaker = None, "", None
    fields = ["text", "sealed_text", "withdrawn", "seal", "capability_hash", "speaker"]
    c.save(update_fields=fields)  # never `released`: a batch may have gone out meanwhile
    _announce_change(access, c, "withdrawn")


def _announce_change(access: SessionAccess, c: Contribution, kind: str) -> None:
    """Others hear of a change once the contribution is out; until then only its author,
    whose page has the answer to the request, knows it exists."""
    c.refresh_from_db(fields=["released"])
    if c.released:
        live.announce(access.session, kind, c)


def close(access: SessionAccess, agreed_note: str = "") -> None:
    """Close for good: destroy the session key, drop what the rule does not keep."""
    if not access.can_close:
        raise NotYours("Only the series' convenors close a session.")
    close_now(access.session, agreed_note)
    session = access.session
    detail = f"session {session.id} in meeting {session.meeting_id}"
    record(
        current_actor(),
        "session_closed",
        series=session.meeting.series_id,
        target=session,
        detail=detail,
    )


def close_now(session: Session, agreed_note: str = "") -> None:
    """The one closing path, for a convenor's close and for a session at its end."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(id=session.id)
        _require_open(session)
        note = _clean_text(agreed_note) if agreed_note.strip() else ""
        batches.release_all(session)  # what still waits for its batch goes out first
        spec = policy.rule(session.rule)
        if not spec.text_kept_after_close:
            Contribution.objects.filter(session=session).delete()
            if note:
                Contribution.objects.create(session=session, kind="agreed_note", text=note)
        elif spec.rows_shuffled_on_close:
            _rewrite_unlinked(session)
        session.status = Session.Status.CLOSED
        session.save(update_fields=["status"])
    keystore().destroy(session_key_name(session.id))
    _compact()
    live.announce(session, "closed", None)


def _rewrite_unlinked(session: Session) -> None:
    """Drop seals and capabilities, and rewrite the rows in random order, so that neither
    the stored link nor the physical order of rows survives the close."""
    rows = list(Contribution.objects.filter(session=session))
    Contribution.objects.filter(session=session).delete()
    random.SystemRandom().shuffle(rows)
    for c in rows:
        c.seal, c.capability_hash, c.posted = None, "", None
    Contribution.objects.bulk_create(rows)


def _compact() -> None:
    """Make deleted rows unrecoverable from the database files (best effort per backend)."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elif connection.vendor == "postgresql" and connection.get_autocommit():
                cursor.execute(f"VACUUM {Contribution._meta.db_table}")
    except DatabaseError:
        return
