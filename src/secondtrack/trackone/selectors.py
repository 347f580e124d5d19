"""Who sees what of Track One uptake: convenors manage; series members and analysts see
the funnel and the lineage (aggregates and non-attributed texts); recipients see only
the memorandum their link was made for."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from secondtrack.dialogues.models import Participation, Series, SeriesRole
from secondtrack.reports.models import hash_token
from secondtrack.trackone.models import Proposal, Transmission


class LinkUnusable(Exception):
    """A recipient link that is unknown, revoked or expired; the message says which."""


def convened_series(user, series_id: int) -> Series:
    if not user.is_authenticated:
        raise Http404("No such series.")
    series = Series.objects.filter(
        id=series_id, roles__user=user, roles__role=SeriesRole.Role.CONVENOR
    ).first()
    if series is None:
        raise Http404("No such series.")
    return series


def watched_series(user, series_id: int) -> Series:
    """Convenors, analysts and members of any meeting of the series."""
    if not user.is_authenticated:
        raise Http404("No such series.")
    staff = Q(roles__user=user)
    member = Q(
        meetings__participations__person_id=user.person_id,
        meetings__participations__status__in=Participation.MEMBER_STATUSES,
    )
    rule = staff | member if user.person_id else staff
    series = Series.objects.filter(rule, id=series_id).distinct().first()
    if series is None:
        raise Http404("No such series.")
    return series


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
