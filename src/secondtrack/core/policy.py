"""The access policy, as data: what each session rule keeps and who may see or do what.

Two tables decide everything in the product:

- ``RULES``: one row per session rule (design §3): what is stored, who sees speakers
  while the session is open and after it closes, whether times are kept, and whether new
  contributions reach the room in shuffled batches.
- ``ROLES``: one row per role (design §2 and §5): the permissions (``Can``) that role holds
  in a meeting (or, for series roles, in every meeting of the series).

A person's ``Grants`` in a meeting are the union of the permissions of every role they
hold there: their participation's role if they are a member, their series roles
(convenor, analyst), and platform admin. Pages, API endpoints, WebSocket consumers and
template flags all ask ``Grants.can(...)``; nothing re-derives a role on its own.

Adding a rule or a role is one row here plus its tests (docs/access.md says how).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

# Aggregates below this many people are suppressed or coarsened (see core/suppression.py).
K_DEFAULT = 3


class Rule(StrEnum):
    ON_THE_RECORD = "on_the_record"
    CHATHAM_HOUSE = "chatham_house"
    NON_ATTRIBUTABLE = "non_attributable"
    OFF_THE_RECORD = "off_the_record"


class Authorship(StrEnum):
    """How the server knows, while a session is open, which contributions are yours."""

    NAMED = "named"  # the speaker is stored with the text
    SEALED = "sealed"  # an AES-GCM seal under a per-session key, destroyed on close
    CAPABILITY = "capability"  # only a hash of a secret held by the author's browser


@dataclass(frozen=True)
class RuleSpec:
    rule: Rule
    label: str
    authorship: Authorship
    text_kept_after_close: bool  # False: the record is deleted when the session closes
    text_encrypted: bool  # the text itself is kept under the session key while open
    speakers_seen_while_open: bool  # by members of the meeting
    speakers_seen_after_close: bool
    times_kept: bool  # minute timestamps; otherwise only the session's own time
    rows_shuffled_on_close: bool  # physical order of rows rewritten at random
    scanned: bool  # the attribution checker reads contributions as they are typed and saved
    opt_in_attribution: bool  # a speaker may sign one statement by name
    batch_release_below: int  # rooms with fewer speakers get shuffled batches (0: never)

    @property
    def attributed(self) -> bool:
        return self.speakers_seen_while_open

    def batches_release(self, speakers: int) -> bool:
        """Whether new contributions reach others in shuffled batches in a room this size."""
        return speakers < self.batch_release_below


# Rooms under this many speakers get batched release under the non-attributed rules.
SMALL_ROOM = 15

RULES: Mapping[Rule, RuleSpec] = {
    Rule.ON_THE_RECORD: RuleSpec(
        Rule.ON_THE_RECORD,
        "on the record",
        Authorship.NAMED,
        text_kept_after_close=True,
        text_encrypted=False,
        speakers_seen_while_open=True,
        speakers_seen_after_close=True,
        times_kept=True,
        rows_shuffled_on_close=False,
        scanned=False,
        opt_in_attribution=False,
        batch_release_below=0,
    ),
    Rule.CHATHAM_HOUSE: RuleSpec(
        Rule.CHATHAM_HOUSE,
        "Chatham House Rule",
        Authorship.SEALED,
        text_kept_after_close=True,
        text_encrypted=False,
        speakers_seen_while_open=False,
        speakers_seen_after_close=False,
        times_kept=False,
        rows_shuffled_on_close=True,
        scanned=True,
        opt_in_attribution=True,
        batch_release_below=SMALL_ROOM,
    ),
    Rule.NON_ATTRIBUTABLE: RuleSpec(
        Rule.NON_ATTRIBUTABLE,
        "non-attributable",
        Authorship.CAPABILITY,
        text_kept_after_close=True,
        text_encrypted=False,
        speakers_seen_while_open=False,
        speakers_seen_after_close=False,
        times_kept=False,
        rows_shuffled_on_close=True,
        scanned=True,
        opt_in_attribution=False,
        batch_release_below=SMALL_ROOM,
    ),
    Rule.OFF_THE_RECORD: RuleSpec(
        Rule.OFF_THE_RECORD,
        "off the record",
        Authorship.SEALED,
        text_kept_after_close=False,
        text_encrypted=True,
        speakers_seen_while_open=False,
        speakers_seen_after_close=False,
        times_kept=False,
        rows_shuffled_on_close=False,  # nothing is left to shuffle: the record is deleted
        scanned=True,
        opt_in_attribution=False,
        batch_release_below=0,
    ),
}


class UnknownRule(ValueError):
    """A rule name that is not one of the four."""


def rule(name: str) -> RuleSpec:
    try:
        return RULES[Rule(name)]
    except ValueError:
        choices = ", ".join(r.value for r in Rule)
        raise UnknownRule(f"{name!r} is not a session rule; use one of {choices}.") from None


class Role(StrEnum):
    # Roles in one meeting (a participation's role)
    PARTICIPANT = "participant"
    RAPPORTEUR = "rapporteur"
    FACILITATOR = "facilitator"
    OBSERVER = "observer"
    YOUNG_LEADER_OBSERVER = "young_leader_observer"
    TRACK_ONE_OBSERVER = "track_one_observer"
    FUNDER = "funder"
    # Roles in a whole series
    CONVENOR = "convenor"
    ANALYST = "analyst"
    # Role on the platform
    ADMIN = "admin"


MEETING_ROLES = (
    Role.PARTICIPANT,
    Role.RAPPORTEUR,
    Role.FACILITATOR,
    Role.OBSERVER,
    Role.YOUNG_LEADER_OBSERVER,
    Role.TRACK_ONE_OBSERVER,
    Role.FUNDER,
)
SERIES_ROLES = (Role.CONVENOR, Role.ANALYST)


class Can(StrEnum):
    KNOW = "know"  # that the meeting exists: title, dates, place, computed track, sessions
    READ_PARTICIPANTS = "read_participants"  # the names members agreed to list
    READ_CONTENT = "read_content"  # contributions, balloons, drafts circulated for review
    SPEAK = "speak"  # post contributions
    REACT = "react"  # float, vote on and amend trial balloons
    TAKE_NOTES = "take_notes"  # record a rapporteur's note of an intervention
    REVIEW = "review"  # comment on a draft circulated for review
    DRAFT = "draft"  # write and edit reports
    CHOOSE_LISTING = "choose_listing"  # decide whether one's own name is listed to members
    READ_COMPOSITION = "read_composition"  # composition of the room, k-suppressed
    READ_UPTAKE = "read_uptake"  # the funnel and lineage of proposals, k-suppressed
    CONVENE = "convene"  # sessions, invitations, full list, closing, publishing, Track One


_MEMBER = frozenset({Can.KNOW, Can.READ_PARTICIPANTS, Can.CHOOSE_LISTING, Can.READ_UPTAKE})
_SPEAKER = _MEMBER | {Can.READ_CONTENT, Can.SPEAK, Can.REACT, Can.REVIEW}
_AGGREGATES = frozenset({Can.KNOW, Can.READ_COMPOSITION, Can.READ_UPTAKE})

ROLES: Mapping[Role, frozenset[Can]] = {
    Role.PARTICIPANT: _SPEAKER,
    Role.RAPPORTEUR: _SPEAKER | {Can.TAKE_NOTES, Can.DRAFT},
    Role.FACILITATOR: _SPEAKER,
    Role.OBSERVER: _SPEAKER,
    Role.YOUNG_LEADER_OBSERVER: _SPEAKER,
    # Listening only: reads the room, never speaks, reacts or comments.
    Role.TRACK_ONE_OBSERVER: _MEMBER | {Can.READ_CONTENT},
    # Aggregates only: never a name, a contribution, a balloon or a draft.
    Role.FUNDER: _AGGREGATES | {Can.CHOOSE_LISTING},
    Role.ANALYST: _AGGREGATES,
    Role.CONVENOR: frozenset(
        {
            Can.KNOW,
            Can.READ_PARTICIPANTS,
            Can.READ_CONTENT,
            Can.READ_COMPOSITION,
            Can.READ_UPTAKE,
            Can.DRAFT,
            Can.CONVENE,
        }
    ),
    # Runs the platform (accounts, series roles) in Django admin; reads no content here.
    Role.ADMIN: _AGGREGATES,
}

DESCRIPTIONS: Mapping[Role, str] = {
    Role.PARTICIPANT: "takes part: reads, speaks, floats and reacts, reviews drafts",
    Role.RAPPORTEUR: "a participant who also takes notes and drafts the report",
    Role.FACILITATOR: "a participant who chairs sessions",
    Role.OBSERVER: "takes part as an observer, with a participant's voice",
    Role.YOUNG_LEADER_OBSERVER: "a young-leader observer, with a participant's voice",
    Role.TRACK_ONE_OBSERVER: "listens only: reads the room, never speaks or reacts",
    Role.FUNDER: "aggregates only: composition and uptake, never a name or a text",
    Role.ANALYST: "aggregates only, for every meeting of the series",
    Role.CONVENOR: "runs the series: every participant, sessions, invitations, publication",
    Role.ADMIN: "runs the platform; sees aggregates only",
}


@dataclass(frozen=True)
class Grants:
    """What one person may do in one meeting (or series): the union of their roles."""

    roles: frozenset[Role]

    @property
    def permissions(self) -> frozenset[Can]:
        out: frozenset[Can] = frozenset()
        for r in self.roles:
            out |= ROLES[r]
        return out

    def can(self, permission: Can) -> bool:
        return permission in self.permissions

    @property
    def knows(self) -> bool:
        return self.can(Can.KNOW)

    def refusal_status(self, permission: Can, known_by: Can = Can.KNOW) -> int | None:
        """None if allowed; 404 where the caller may not know the object exists (they lack
        ``known_by``, see ``known_by()``), else 403."""
        if not (self.knows and self.can(known_by)):
            return 404
        return None if self.can(permission) else 403


def known_by(kind: str, state: str = "") -> Can:
    """The permission without which an object's very existence is not to be known (404).

    Meetings, their sessions and series are known to whoever knows the meeting; what is
    itself content (a balloon, a circulated or published report) only to those who read
    content; a report still in draft only to those who draft; a registry entry and a
    series' breach log only to those who convene."""
    if kind == "balloon" or (kind == "report" and state != "draft"):
        return Can.READ_CONTENT
    if kind == "report":
        return Can.DRAFT
    if kind in ("person", "breach_log"):
        return Can.CONVENE
    return Can.KNOW


def grants(roles: Iterable[Role | str]) -> Grants:
    return Grants(frozenset(Role(r) for r in roles))


NOBODY = Grants(frozenset())
