"""Chains of balloon versions and their way to Track One, read from the database."""

from __future__ import annotations

from secondtrack.balloons.models import Balloon
from secondtrack.core import uptake
from secondtrack.dialogues.models import Series
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


def series_chains(series: Series) -> dict:
    """{root balloon id: uptake.Chain} for every proposal floated in the series."""
    balloons = list(
        Balloon.objects.filter(meeting__series=series)
        .select_related("meeting")
        .order_by("floated_on", "id")
    )
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


def series_funnel(series: Series) -> uptake.Funnel:
    return uptake.funnel(series_chains(series).values())


def chain_for_balloon(balloon: Balloon) -> uptake.Chain:
    chains = series_chains(balloon.series)
    root = balloon
    while root.previous_id is not None:
        root = root.previous
    return chains[root.id]
