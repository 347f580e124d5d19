"""The opinion map of a balloon: the core math on its pseudonymous reactions, with national
and sectoral blocs read from the registry while the balloon is open.

The analysis (groups, bootstrap stability, consensus survival) is a function of the votes
alone, so it is cached per process by a digest of the votes and blocs: a page or API call
that finds nothing changed reuses it; a new reaction recomputes (about 0.25 s for a room
of 60 with 20 resamples, see bench/RESULTS.md).

A large room (SECONDTRACK_OPINION_BACKGROUND_FROM people reacting, 100 by default) is not
recomputed in the request: a room of 300 takes over a second, and while they vote every
page would pay it, each process on its own. Its map is an `OpinionSnapshot` computed by the
`recompute_opinion` task, asked for once per revision (the counter every reaction bumps):
pages and the API show the last snapshot, say that a newer one is coming, and the task
tells open pages when it is there. What the task may miss (a reaction made while it ran) is
seen as a newer revision by the next page, which asks again. Closing a balloon and checking
a statement's consensus for an endorsement never use an old snapshot.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from secondtrack import taskqueue
from secondtrack.analytics.selectors import sector_of
from secondtrack.balloons import live
from secondtrack.balloons.models import Balloon, OpinionSnapshot, Pseudonym, Reaction, Statement
from secondtrack.balloons.pseudonyms import pseudonym_tag
from secondtrack.core import suppression
from secondtrack.core.opinion import OpinionResult, analyse
from secondtrack.core.opinion.result import top_per_direction
from secondtrack.dialogues.models import Participation

MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 320, 220, 16


CACHE_SIZE = 64  # analyses kept per process (least recently used goes first)
_cache: OrderedDict[tuple[str, str], OpinionResult] = OrderedDict()
_lock = threading.Lock()


@dataclass
class OpinionMap:
    balloon: Balloon
    result: OpinionResult | None
    statements: dict[str, Statement]
    k: int
    support: dict[str, Any] = field(default_factory=dict)
    # a large room's map while a newer one is computed (see the module's docstring)
    updating: bool = False
    computed_at: datetime | None = None

    def text(self, statement_id: str) -> str:
        s = self.statements.get(statement_id)
        return s.text if s else ""

    def points(self, me: str | None = None) -> list[dict[str, Any]]:
        """Screen positions; people who voted alike share a place, so they are fanned
        out around it rather than drawn on top of each other."""
        if self.result is None or not self.result.coords:
            return []
        xs = [x for x, _ in self.result.coords.values()]
        ys = [y for _, y in self.result.coords.values()]
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        seen: dict[tuple[float, float], int] = {}
        out = []
        for voter, (x, y) in self.result.coords.items():
            px = MAP_PAD + (x - min(xs)) / span_x * (MAP_WIDTH - 2 * MAP_PAD)
            py = MAP_PAD + (y - min(ys)) / span_y * (MAP_HEIGHT - 2 * MAP_PAD)
            place = (round(px), round(py))
            n = seen.get(place, 0)
            seen[place] = n + 1
            if n:
                ring, angle = 1 + (n - 1) // 6, (n - 1) % 6 * math.pi / 3
                px += 7 * ring * math.cos(angle + ring)
                py += 7 * ring * math.sin(angle + ring)
            out.append(
                {
                    "x": round(min(max(px, 4), MAP_WIDTH - 4), 1),
                    "y": round(min(max(py, 4), MAP_HEIGHT - 4), 1),
                    "group": self.result.groups.get(voter),
                    "me": voter == me,
                }
            )
        return out

    def public(self, all_items: bool = False) -> dict[str, Any]:
        """Aggregates only: what the map shows, with texts, and never a pseudonym.

        Consensus and cross-line lists are the top five per direction (by survival under
        resampling) unless ``all_items``; ``evidence`` says how many there are in all.
        """
        progress = {
            "updating": self.updating,
            "computed_at": self.computed_at.isoformat() if self.computed_at else None,
        }
        if self.result is None:
            return {
                "groups": [],
                "consensus": [],
                "cross_line": [],
                "support": self.support,
                "points": [],
                "stability": None,
                "evidence": {},
                **progress,
            }
        r = self.result
        sizes = r.evidence.get("group_sizes", {})

        def named(items: list[dict]) -> list[dict]:
            return [{**item, "text": self.text(item["statement"])} for item in items]

        def in_group(items: list[dict]) -> list[dict]:
            return [{**item, "evidence": _group_evidence(item)} for item in named(items)]

        return {
            "groups": [
                {
                    "group": int(g),
                    "size": sizes.get(g, sizes.get(str(g), 0)),
                    "representative": in_group(items),
                    "stability": ((r.stability or {}).get("groups") or {}).get(str(g)),
                }
                for g, items in sorted(r.repness.items(), key=lambda kv: int(kv[0]))
            ],
            "consensus": named(r.consensus if all_items else top_per_direction(r.consensus)),
            "cross_line": named(r.cross_line if all_items else top_per_direction(r.cross_line)),
            "support": self.support,
            "points": [{k: v for k, v in p.items() if k != "me"} for p in self.points()],
            "stability": r.stability,
            "evidence": {
                **r.evidence,
                "n_consensus": len(r.consensus),
                "n_cross_line": len(r.cross_line),
            },
            **progress,
        }


def _group_evidence(item: dict) -> str:
    """The claim in words, for a group named on the page rather than by its number."""
    d = item["direction"]
    mine = item.get("share_label") or f"{item[f'n_{d}']} of {item['n_reacted']}"
    rest = item.get("rest_label") or f"{item[f'rest_{d}']} of {item['rest_reacted']}"
    return f"{d}d by {mine} in this group who reacted, against {rest} elsewhere"


def _blocs(balloon: Balloon) -> dict[str, dict[str, str]]:
    """Country and sector of each pseudonym, found by re-deriving members' tags."""
    members = (
        Participation.objects.filter(
            meeting_id=balloon.meeting_id, status__in=Participation.MEMBER_STATUSES
        )
        .select_related("person", "listed_affiliation__organisation")
        .prefetch_related("person__affiliations__organisation")
    )
    by_tag = {}
    for p in members:
        tag = pseudonym_tag(balloon, p.person_id)
        if tag is None:
            return {}
        by_tag[tag] = p
    countries, sectors = {}, {}
    for pid, tag in Pseudonym.objects.filter(balloon=balloon).values_list("id", "tag"):
        p = by_tag.get(tag)
        if p is None:
            continue
        countries[str(pid)] = p.person.primary_country or "unknown"
        sectors[str(pid)] = sector_of(p, p.meeting.starts)
    return {"country": countries, "sector": sectors}


def _votes(balloon: Balloon) -> dict[tuple[str, str], int]:
    rows = Reaction.objects.filter(pseudonym__balloon=balloon).values_list(
        "pseudonym_id", "statement_id", "vote"
    )
    return {(str(p), str(s)): v for p, s, v in rows}


def _support(balloon: Balloon, k: int) -> dict[str, Any]:
    """Reactions to the proposal. Within one person of unanimity (or of none) the counts
    are withheld and ``label`` reads "all or all but one of 5": "5 of 5" would tell the
    room how each of them voted."""
    proposal = balloon.statements.filter(kind=Statement.Kind.PROPOSAL).first()
    if proposal is None:
        return {}
    votes = list(proposal.reactions.values_list("vote", flat=True))
    reacted, agree = len(votes), votes.count(1)
    seen = suppression.share(agree, reacted, k)
    exact = not seen.suppressed
    return {
        "agree": agree if exact else None,
        "disagree": votes.count(-1) if exact else None,
        "pass": votes.count(0) if exact else None,
        "reacted": reacted,
        "label": seen.label,
        "coarsened": not exact,
    }


def _digest(votes: dict[tuple[str, str], int], blocs: dict[str, dict[str, str]]) -> str:
    h = hashlib.sha256()
    for (voter, statement), vote in sorted(votes.items()):
        h.update(f"{voter}\x1f{statement}\x1f{vote}\x1e".encode())
    for dimension, members in sorted(blocs.items()):
        for voter, name in sorted(members.items()):
            h.update(f"{dimension}\x1f{voter}\x1f{name}\x1e".encode())
    return h.hexdigest()


def opinion_map(balloon: Balloon, *, fresh: bool = False) -> OpinionMap:
    """The balloon's map. A large room's comes from its snapshot (see the module's
    docstring); ``fresh`` never shows an old one: it computes now if the snapshot is behind."""
    k = settings.SECONDTRACK_OPINION_K
    statements = {str(s.id): s for s in balloon.statements.all()}
    support = _support(balloon, k)
    if in_background(balloon):
        snapshot = _snapshot(balloon)
        behind = snapshot.revision != balloon.revision
        if behind and not fresh:
            request_recompute(balloon)
            snapshot.refresh_from_db()  # the inline task runner (tests) has computed it
            behind = snapshot.revision != balloon.revision
        if not behind or not fresh:
            return OpinionMap(
                balloon,
                _result_of(snapshot.result),
                statements,
                k,
                support,
                updating=behind,
                computed_at=snapshot.computed_at,
            )
    return OpinionMap(balloon, _analysis(balloon, k), statements, k, support)


def _analysis(balloon: Balloon, k: int) -> OpinionResult | None:
    votes = _votes(balloon)
    if not votes:
        return None
    blocs = _blocs(balloon)
    key = (str(balloon.id), _digest(votes, blocs))
    with _lock:
        result = _cache.get(key)
        if result is not None:
            _cache.move_to_end(key)
    if result is None:
        triples = [(v, s, vote) for (v, s), vote in votes.items()]
        result = analyse(triples, blocs=blocs or None, k=k)
        with _lock:
            _cache[key] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return result


def support(balloon: Balloon) -> dict[str, Any]:
    """Reactions to the proposal alone (no map is computed for it)."""
    return _support(balloon, settings.SECONDTRACK_OPINION_K)


# -- large rooms: the map as a task ---------------------------------------------------------


def in_background(balloon: Balloon) -> bool:
    threshold = settings.SECONDTRACK_OPINION_BACKGROUND_FROM
    return threshold > 0 and balloon.pseudonyms.count() >= threshold


def _snapshot(balloon: Balloon) -> OpinionSnapshot:
    """The balloon's snapshot, made empty the first time (a read on every later view: no
    write, so SQLite's single writer is not asked for on each page)."""
    found = OpinionSnapshot.objects.filter(balloon=balloon).first()
    if found is not None:
        return found
    OpinionSnapshot.objects.bulk_create([OpinionSnapshot(balloon=balloon)], ignore_conflicts=True)
    return OpinionSnapshot.objects.get(balloon=balloon)


def request_recompute(balloon: Balloon) -> bool:
    """Ask for the map of the balloon's current revision, once: of the pages that find the
    snapshot behind, only the first enqueues the task (the update is the lock)."""
    behind = OpinionSnapshot.objects.filter(balloon=balloon, requested__lt=balloon.revision)
    asked = behind.update(requested=balloon.revision)
    if asked:
        from secondtrack.balloons.tasks import recompute_opinion

        taskqueue.defer(recompute_opinion, str(balloon.id))
    return bool(asked)


def recompute(balloon_id: object) -> int | None:
    """Compute the open balloon's map and keep it as its snapshot; the revision it shows
    (None when the balloon is closed or gone, or the snapshot is already as new)."""
    balloon = Balloon.objects.filter(id=balloon_id, status=Balloon.Status.OPEN).first()
    if balloon is None:
        return None
    revision = balloon.revision  # read first: a reaction made meanwhile makes it behind
    if OpinionSnapshot.objects.filter(balloon=balloon, revision__gte=revision).exists():
        return None
    result = _analysis(balloon, settings.SECONDTRACK_OPINION_K)
    kept = OpinionSnapshot.objects.filter(
        balloon=balloon, balloon__status=Balloon.Status.OPEN, revision__lt=revision
    ).update(
        revision=revision,
        result=result.to_dict(all_items=True) if result else None,
        computed_at=timezone.now(),
    )
    if not kept:
        return None
    live.announce(balloon)  # open pages fetch the new map
    return revision


def _result_of(data: dict[str, Any] | None) -> OpinionResult | None:
    if not data:
        return None
    return OpinionResult(
        groups=data["groups"],
        consensus=data["consensus"],
        repness=data["repness"],
        cross_line=data["cross_line"],
        coords={voter: (xy[0], xy[1]) for voter, xy in data["coords"].items()},
        evidence=data["evidence"],
        stability=data["stability"],
    )


def forget(balloon: Balloon) -> None:
    """Drop what is kept of the balloon's live map (at close: it is keyed by pseudonyms)."""
    OpinionSnapshot.objects.filter(balloon=balloon).delete()
    with _lock:
        for key in [key for key in _cache if key[0] == str(balloon.id)]:
            del _cache[key]
