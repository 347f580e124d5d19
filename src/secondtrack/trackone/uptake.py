"""Chains of balloon versions and their way to Track One, read from the database."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from secondtrack.access.standing import meetings_where, series_grants
from secondtrack.balloons.models import Balloon
from secondtrack.core import suppression, uptake
from secondtrack.core.policy import K_DEFAULT, Can
from secondtrack.core.suppression import Shown
from secondtrack.dialogues.models import Meeting, Series
from secondtrack.trackone.models import Proposal, Transmission


def _roots(balloons: list[Balloon]) -> dict:
    """Map each balloon id to the id of the first version of its chain."""
    by_id = {b.id: b for b in balloons}
    roots = {}
    for b in balloons:
        node = b
        while node.previous_id is not None and node.previous_id in by_id:
            node = by_id[node.previous_id]
        roots[b.id] = node.id
    return roots


def series_chains(series: Series, scope: Scope | None = None) -> dict:
    """{root balloon id: uptake.Chain} for the proposals floated in the series: in the
    meetings of ``scope`` and, if it says so, across the whole series (all when None)."""
    balloons = Balloon.objects.filter(series=series)
    if scope is not None:
        where = Q(meeting__in=scope.meetings)
        if scope.series_wide:
            where |= Q(meeting__isnull=True)
        balloons = balloons.filter(where)
    balloons = list(balloons.select_related("meeting").order_by("floated_on", "id"))
    roots = _roots(balloons)
    following = {b.previous_id: b for b in balloons if b.previous_id is not None}
    versions: dict = {}
    for b in balloons:
        if b.previous_id is None:  # walk each chain from its first version forward
            node, chain = b, []
            while node is not None:
                chain.append(node)
                node = following.get(node.id)
            versions[b.id] = chain
    proposals = list(
        Proposal.objects.filter(balloon__in=balloons)
        .select_related("memorandum")
        .prefetch_related("memorandum__versions")
    )
    transmissions = list(
        Transmission.objects.filter(version__report__in={p.memorandum_id for p in proposals})
        .select_related("body", "version__report")
        .prefetch_related("responses")
    )
    chains = {}
    for root, chain_versions in versions.items():
        mine = [p for p in proposals if p.balloon_id and roots.get(p.balloon_id) == root]
        chains[root] = _chain(chain_versions, mine, transmissions)
    return chains


def _chain(chain_versions: list[Balloon], proposals: list[Proposal], transmissions) -> uptake.Chain:
    versions = tuple(
        uptake.Version(n, b.title, b.floated_on, b.closed_on, b.outcome)
        for n, b in enumerate(chain_versions, start=1)
    )
    memoranda, sendings = [], []
    ids = {p.id for p in proposals}
    for p in proposals:
        published = p.memorandum.versions.order_by("number").first()
        memoranda.append((p.memorandum.title, published.published_on if published else None))
    for t in transmissions:
        if t.version.report_id not in {p.memorandum_id for p in proposals}:
            continue
        replies = tuple(
            uptake.Reply(
                t.body.name, r.status, r.get_status_display(), r.on, r.note, r.document_url
            )
            for r in sorted(t.responses.all(), key=lambda r: (r.on, r.id))
            if r.proposal_id in ids
        )
        sendings.append(uptake.Sending(t.version.title, t.body.name, t.sent_on, replies))
    arrangement = next((p.arrangement for p in proposals if p.arrangement), "")
    return uptake.Chain(versions, tuple(memoranda), tuple(sendings), arrangement)


def chain_for_balloon(balloon: Balloon) -> uptake.Chain:
    """The chain the balloon belongs to, among the balloons of its own place (its meeting,
    or the series for a series-wide balloon): versions never cross places."""
    scope = Scope(Meeting.objects.filter(id=balloon.meeting_id), balloon.meeting_id is None)
    chains = series_chains(balloon.series, scope)
    root = balloon
    while root.previous_id is not None:
        root = root.previous
    return chains[root.id]


@dataclass(frozen=True)
class Scope:
    """Where proposals may be read from: a set of meetings, and the series-wide balloons."""

    meetings: QuerySet[Meeting]
    series_wide: bool


def scope_for(user, series: Series, permission: Can) -> Scope:
    """The meetings of the series in which the caller holds ``permission``, and whether
    they hold it for series-wide balloons."""
    meetings = meetings_where(user, permission).filter(series=series)
    return Scope(meetings, series_grants(user, series.id).can(permission))


@dataclass(frozen=True)
class Uptake:
    """What one caller may see of a series' uptake."""

    funnel: uptake.Funnel
    stages: list[tuple[str, Shown]]  # the funnel as it may be shown to this caller
    chains: dict  # {root balloon id: Chain}, only where the caller reads the proposals
    balloons: dict  # {root balloon id: Balloon}


def uptake_for(user, series: Series) -> Uptake:
    """Counts over the meetings whose uptake the caller reads; proposals (their titles) only
    from meetings whose content they read. Whoever cannot read the proposals sees counts
    under k coarsened (core/suppression.py), as for every aggregate."""
    counted = series_chains(series, scope_for(user, series, Can.READ_UPTAKE))
    chains = series_chains(series, scope_for(user, series, Can.READ_CONTENT))
    numbers = uptake.funnel(counted.values())
    exact = len(chains) == len(counted)
    stages = [
        (label, Shown(n, str(n)) if exact else suppression.count(n, K_DEFAULT))
        for label, n in numbers.stages()
    ]
    balloons = {b.id: b for b in Balloon.objects.filter(id__in=chains.keys())}
    return Uptake(numbers, stages, chains, balloons)
