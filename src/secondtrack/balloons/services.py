"""Floating, reacting, amending and closing trial balloons. Nothing here logs."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from secondtrack.balloons import live
from secondtrack.balloons.models import Balloon, Endorsement, Pseudonym, Reaction, Statement
from secondtrack.balloons.opinion import forget, opinion_map
from secondtrack.balloons.pseudonyms import destroy_key, pseudonym_tag
from secondtrack.balloons.selectors import BalloonAccess, Standing
from secondtrack.notifications.services import notify_balloon


class BalloonError(Exception):
    """A request refused with a sentence that says why; nothing changed."""

    status = 422


class BalloonClosed(BalloonError):
    status = 409


class NotAllowed(BalloonError):
    status = 403


@dataclass(frozen=True)
class Floated:
    balloon: Balloon
    receipt: str  # shown once to the author; only its hash is stored


def _text(value: object, what: str, limit: int = 4000) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BalloonError(f"Write the {what}: it is empty.")
    value = value.strip()
    if len(value) > limit:
        raise BalloonError(
            f"The {what} holds at most {limit:,} characters; this has {len(value):,}."
        )
    return value


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.encode()).hexdigest()


@transaction.atomic
def float_balloon(access: Standing, text: object, previous: Balloon | None = None) -> Floated:
    if not access.can_speak:
        raise NotAllowed("Only participants float trial balloons.")
    proposal = _text(text, "proposal").replace("\r\n", "\n")
    meeting_id = access.meeting.id if access.meeting else None
    if previous is not None and (previous.series_id, previous.meeting_id) != (
        access.series.id,
        meeting_id,
    ):
        raise BalloonError("An amended version belongs where the original was floated.")
    if previous is not None and Balloon.objects.filter(previous=previous).exists():
        raise BalloonError("This balloon already has a newer version: amend that one.")
    receipt = secrets.token_urlsafe(24)
    balloon = Balloon.objects.create(
        series=access.series,
        meeting=access.meeting,
        previous=previous,
        title=proposal.splitlines()[0].strip()[:120],
        receipt_hash=receipt_hash(receipt),
        floated_on=timezone.localdate(),
    )
    Statement.objects.create(balloon=balloon, kind=Statement.Kind.PROPOSAL, text=proposal)
    if previous is not None:
        live.announce(previous)  # its open pages learn of the newer version
    notify_balloon(balloon)  # to every reader, the author too: no notice says who floated it
    return Floated(balloon, receipt)


def verify_receipt(balloon: Balloon, receipt: str) -> bool:
    return hmac.compare_digest(balloon.receipt_hash, receipt_hash(receipt.strip()))


def _require_open(balloon: Balloon) -> None:
    if balloon.status != Balloon.Status.OPEN:
        raise BalloonClosed("This balloon is closed: reactions and statements are final.")


@transaction.atomic
def add_statement(access: BalloonAccess, text: object, kind: str = "amendment") -> Statement:
    _require_open(access.balloon)
    if not access.can_react:
        raise NotAllowed("Only participants of this meeting add statements.")
    if kind not in ("amendment", "condition", "objection"):
        raise BalloonError("A statement is an amendment, a condition or an objection.")
    statement = Statement.objects.create(
        balloon=access.balloon, kind=kind, text=_text(text, "statement", 1000)
    )
    live.announce(access.balloon)
    return statement


def _parse_vote(vote: object) -> int:
    if isinstance(vote, bool) or vote not in (1, 0, -1, "1", "0", "-1"):
        raise BalloonError("A reaction is 1 (agree), -1 (disagree) or 0 (pass).")
    return int(vote)


@transaction.atomic
def react(access: BalloonAccess, statement_id: object, vote: object) -> Reaction:
    balloon = Balloon.objects.select_for_update().get(id=access.balloon.id)
    _require_open(balloon)
    if not access.can_react:
        raise NotAllowed("Your role in this meeting is to listen: you cannot react.")
    value = _parse_vote(vote)
    try:
        statement = Statement.objects.get(balloon=balloon, id=uuid.UUID(str(statement_id)))
    except (ValueError, Statement.DoesNotExist):
        raise BalloonError("React to a statement of this balloon.") from None
    tag = pseudonym_tag(balloon, access.person_id, create_key=True)
    pseudonym, _ = Pseudonym.objects.get_or_create(balloon=balloon, tag=tag)
    reaction, _ = Reaction.objects.update_or_create(
        pseudonym=pseudonym, statement=statement, defaults={"vote": value}
    )
    Balloon.objects.filter(id=balloon.id).update(revision=F("revision") + 1)
    live.announce(balloon)
    return reaction


def my_votes(access: BalloonAccess) -> dict[str, int]:
    if access.person_id is None or access.balloon.status != Balloon.Status.OPEN:
        return {}
    tag = pseudonym_tag(access.balloon, access.person_id)
    if tag is None:
        return {}
    rows = Reaction.objects.filter(pseudonym__tag=tag).values_list("statement_id", "vote")
    return {str(s): v for s, v in rows}


def _rewrite_unlinked(balloon: Balloon) -> None:
    """Drop the tags and rewrite pseudonyms and reactions under new ids in random order
    (as the record does with contributions on close), so that neither a stored link nor
    the order of first reactions survives the close."""
    pseudonyms = list(Pseudonym.objects.filter(balloon=balloon))
    reactions = list(Reaction.objects.filter(pseudonym__balloon=balloon))
    Reaction.objects.filter(pseudonym__balloon=balloon).delete()
    Pseudonym.objects.filter(balloon=balloon).delete()
    shuffle = secrets.SystemRandom().shuffle
    shuffle(pseudonyms)
    shuffle(reactions)
    renamed = {}
    for p in pseudonyms:
        renamed[p.id] = uuid.uuid4()
        p.id, p.tag = renamed[p.id], None
    for r in reactions:
        r.id, r.pseudonym_id = uuid.uuid4(), renamed[r.pseudonym_id]
    Pseudonym.objects.bulk_create(pseudonyms)
    Reaction.objects.bulk_create(reactions)


def close_balloon(access: BalloonAccess, outcome: str) -> None:
    """Keep the final map's aggregates, then cut every pseudonym from its person for good."""
    if not access.can_close:
        raise NotAllowed("Only the series' convenors close a balloon.")
    if outcome not in Balloon.Outcome.values:
        raise BalloonError("The outcome is withdrawn, parked or consensus.")
    with transaction.atomic():
        balloon = Balloon.objects.select_for_update().get(id=access.balloon.id)
        _require_open(balloon)
        final = opinion_map(balloon, fresh=True)
        balloon.final_map = final.public(all_items=True)
        for progress in ("updating", "computed_at"):  # a closed map is final
            balloon.final_map.pop(progress)
        top = final.public()
        balloon.final_map["top"] = {"consensus": top["consensus"], "cross_line": top["cross_line"]}
        balloon.status, balloon.outcome = Balloon.Status.CLOSED, outcome
        balloon.closed_on = timezone.localdate()
        balloon.save(update_fields=["final_map", "status", "outcome", "closed_on"])
        _rewrite_unlinked(balloon)
    destroy_key(balloon)
    forget(balloon)
    live.announce(balloon)


# -- named endorsement (design §5, §7) ------------------------------------------------------


class NotYetConsensus(BalloonError):
    status = 409


def reached_consensus(statement: Statement) -> bool:
    """Whether the room agrees on the statement: it is on the map's consensus list (agree)
    or cross-line list, or it is the proposal of a balloon closed with consensus."""
    balloon = statement.balloon
    if statement.kind == Statement.Kind.PROPOSAL and balloon.outcome == Balloon.Outcome.CONSENSUS:
        return True
    shown = balloon.final_map or opinion_map(balloon, fresh=True).public(True)
    sid = str(statement.id)
    agreed = [c for c in shown.get("consensus", []) if c.get("direction") == "agree"]
    return any(c["statement"] == sid for c in agreed + shown.get("cross_line", []))


def transmitted(balloon: Balloon) -> bool:
    """Whether a memorandum carrying this balloon (or a version of it) has been sent."""
    from secondtrack.trackone.models import Transmission

    return Transmission.objects.filter(version__report__proposals__balloon=balloon).exists()


def _endorsable(access: BalloonAccess, statement_id: object) -> Statement:
    if access.person_id is None or not access.can_react:
        raise NotAllowed("Only participants endorse statements, by name.")
    try:
        return Statement.objects.select_related("balloon").get(
            balloon=access.balloon, id=uuid.UUID(str(statement_id))
        )
    except (ValueError, Statement.DoesNotExist):
        raise BalloonError("Endorse a statement of this balloon.") from None


@transaction.atomic
def endorse(access: BalloonAccess, statement_id: object) -> Endorsement:
    """Endorse by name (opt-in). Only a statement that reached consensus can be endorsed."""
    statement = _endorsable(access, statement_id)
    if transmitted(statement.balloon):
        raise BalloonClosed("A memorandum with this balloon has been sent: endorsements are final.")
    if not reached_consensus(statement):
        raise NotYetConsensus(
            "Only a statement that reached consensus can be endorsed; this one has not (yet)."
        )
    endorsement, _ = Endorsement.objects.get_or_create(
        statement=statement,
        person_id=access.person_id,
        defaults={"endorsed_on": timezone.localdate()},
    )
    live.announce(statement.balloon)
    return endorsement


@transaction.atomic
def withdraw_endorsement(access: BalloonAccess, statement_id: object) -> None:
    """Withdraw one's endorsement; refused once a memorandum with the balloon was sent."""
    statement = _endorsable(access, statement_id)
    if transmitted(statement.balloon):
        raise BalloonClosed(
            "A memorandum with this balloon has been sent to Track One: the endorsement "
            "can no longer be withdrawn."
        )
    Endorsement.objects.filter(statement=statement, person_id=access.person_id).delete()
    live.announce(statement.balloon)


def my_endorsements(access: BalloonAccess) -> set[str]:
    if access.person_id is None:
        return set()
    rows = Endorsement.objects.filter(
        statement__balloon=access.balloon, person_id=access.person_id
    ).values_list("statement_id", flat=True)
    return {str(s) for s in rows}
