"""Who sees what of Track One uptake, as the access policy says: convenors manage; those
who read uptake see the funnel, and the proposals of the meetings whose content they read;
recipients see only the memorandum their link was made for."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from secondtrack.core.policy import Can
from secondtrack.dialogues.models import Series
from secondtrack.dialogues.selectors import series_for
from secondtrack.reports.models import hash_token
from secondtrack.trackone.models import Proposal, Transmission


class LinkUnusable(Exception):
    """A recipient link that is unknown, revoked or expired; the message says which."""


def convened_series(user, series_id: int) -> Series:
    """The series, for its convenors: 403 for others who know it, 404 for the rest."""
    return series_for(user, series_id, need=Can.CONVENE)


def watched_series(user, series_id: int) -> Series:
    """The series, for those the policy lets read its uptake (members, convenors, analysts,
    funders); 404 for everyone else."""
    return series_for(user, series_id, need=Can.READ_UPTAKE)


def proposal_for(user, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.select_related("memorandum__series").filter(id=proposal_id).first()
    if proposal is None:
        raise Http404("No such proposal.")
    watched_series(user, proposal.memorandum.series_id)
    return proposal


def transmission_for_link(raw_token: str) -> Transmission:
    transmission = (
        Transmission.objects.select_related("version__report__series", "body")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )
    if transmission is None:
        raise LinkUnusable("This link is not valid. Ask the sender for a new one.")
    if transmission.revoked:
        raise LinkUnusable("This link was withdrawn by the sender.")
    if transmission.expires <= timezone.now():
        raise LinkUnusable("This link has expired. Ask the sender for a new one.")
    return transmission
