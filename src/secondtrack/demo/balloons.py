"""Demo trial balloons with enough reactions to show groups and cross-line consensus,
written through the balloon services so storage is exactly what the product keeps."""

from __future__ import annotations

import random

from secondtrack.balloons import services
from secondtrack.balloons.models import Balloon
from secondtrack.balloons.selectors import BalloonAccess, Standing
from secondtrack.core.policy import grants
from secondtrack.dialogues.models import Meeting, Participation
from secondtrack.registry.models import Person

PROPOSAL_V1 = (
    "A voluntary code for unplanned encounters between coast guards\n"
    "Coast guards of the region adopt, on a voluntary basis, communication and manoeuvring "
    "procedures modelled on the naval code for unplanned encounters at sea."
)
PROPOSAL_V2 = (
    "A voluntary code for unplanned encounters between coast guards and maritime militias\n"
    "Coast guards adopt the procedures voluntarily; states also commit to apply them to "
    "fishing fleets that act under state direction, without prejudice to any claim."
)
# (kind, text, vote of the first camp, vote of the second camp): two planted camps, and
# statements both camps back, so that the map shows groups and cross-line consensus.
STATEMENTS = [
    ("condition", "Acceptable if the other side also applies it to its maritime militia.", -1, 1),
    ("amendment", "Start with a pilot among three coast guards before opening it to all.", 1, -1),
    ("objection", "A code without verification only rewards whoever breaks it first.", -1, 1),
    ("amendment", "Publish a yearly non-attributed summary of incidents and responses.", 1, 1),
]
PROPOSAL_VOTES = (1, 1)


def _access(meeting: Meeting, p: Participation | None, convenor: bool = False) -> Standing:
    roles = ([p.role] if p is not None else []) + (["convenor"] if convenor else [])
    return Standing(meeting.series, meeting, p, grants(roles))


def _react_all(balloon: Balloon, members: list[Participation], shift: int, rng) -> None:
    planted = {text: (a, b) for _, text, a, b in STATEMENTS}
    for index, member in enumerate(members):
        camp = (index + shift) % 2
        access = BalloonAccess(balloon, _access(balloon.meeting, member))
        for statement in balloon.statements.all():
            camps = planted.get(statement.text, PROPOSAL_VOTES)
            vote = camps[camp]
            if camps[0] != camps[1] and rng.random() < 0.05:
                vote = 0  # some pass on what divides the room; all back what unites it
            services.react(access, statement.id, vote)


def _float(meeting: Meeting, author: Participation, text: str, previous=None) -> Balloon:
    balloon = services.float_balloon(_access(meeting, author), text, previous=previous).balloon
    access = BalloonAccess(balloon, _access(meeting, author))
    for kind, text, _, _ in STATEMENTS:
        services.add_statement(access, text, kind)
    return balloon


GLOSSARY = (
    "A multilingual glossary of maritime terms\n"
    "Coast guards and navies of the region compile a shared glossary of maritime terms in "
    "the main languages of the region, to reduce misunderstandings in encounters at sea."
)


def _consensus_balloon(meeting: Meeting, text: str, rng) -> None:
    """A balloon the whole room backs, closed with consensus."""
    members = list(
        meeting.participations.filter(
            status__in=Participation.MEMBER_STATUSES, role="participant"
        ).select_related("person")
    )
    balloon = services.float_balloon(_access(meeting, members[0]), text).balloon
    proposal = balloon.statements.get()
    for member in members:
        vote = 0 if rng.random() < 0.1 else 1
        services.react(BalloonAccess(balloon, _access(meeting, member)), proposal.id, vote)
    convenor = BalloonAccess(balloon, _access(meeting, None, convenor=True))
    services.close_balloon(convenor, "consensus")


def _date_to_meetings(meetings: list[Meeting]) -> None:
    """Balloons carry the day they were floated and closed: use the meetings' days."""
    for meeting in meetings:
        balloons = Balloon.objects.filter(meeting=meeting)
        balloons.update(floated_on=meeting.starts)
        balloons.filter(status=Balloon.Status.CLOSED).update(closed_on=meeting.ends)


# Simulated participants (no account) who join the Seoul meeting so that its open balloon
# has about forty people reacting: enough for the map to show opinion groups.
SIMULATED = [
    ("Arunee Suksawat", "TH"),
    ("Bilal Qureshi", "PK"),
    ("Camille Fontaine", "FR"),
    ("Dao Minh Chau", "VN"),
    ("Eun-ji Baek", "KR"),
    ("Farida Nurlanovna", "KZ"),
    ("Gareth Pryce", "AU"),
    ("Hiroko Tanabe", "JP"),
    ("Isileli Fifita", "TO"),
    ("Jomo Wekesa", "KE"),
    ("Kalinda Herath", "LK"),
    ("Leilani Kahale", "US"),
    ("Mateo Villanueva", "PH"),
    ("Noor Hidayah Ismail", "MY"),
    ("Oyunbileg Batbayar", "MN"),
    ("Priyanka Raman", "IN"),
]


def add_simulated_participants(meeting: Meeting) -> list[Participation]:
    """Fictional members without accounts, each in their private capacity, unlisted."""
    added = []
    for n, (name, country) in enumerate(SIMULATED, start=1):
        person, _ = Person.objects.get_or_create(
            email=f"simulated-{n:02d}@example.invalid",
            defaults={"name": name, "countries": [country]},
        )
        added.append(
            Participation.objects.create(
                meeting=meeting,
                person=person,
                status="accepted",
                role="participant",
                listing="unlisted",
            )
        )
    return added


def add_demo_balloons(meetings: list[Meeting]) -> None:
    rng = random.Random(20250916)  # noqa: S311 - demo data, not secrets
    _consensus_balloon(meetings[0], GLOSSARY, rng)
    add_simulated_participants(meetings[2])
    for meeting, closes in ((meetings[1], True), (meetings[2], False)):
        members = list(
            meeting.participations.filter(
                status__in=Participation.MEMBER_STATUSES,
                role__in=["participant", "facilitator", "rapporteur"],
            ).select_related("person")
        )
        first = _float(meeting, members[0], PROPOSAL_V1)
        _react_all(first, members, 0, rng)
        if not closes:
            continue
        convenor = _access(meeting, None, convenor=True)
        services.close_balloon(BalloonAccess(first, convenor), "parked")
        second = _float(meeting, members[1], PROPOSAL_V2, previous=first)
        _react_all(second, members, 1, rng)
        services.close_balloon(BalloonAccess(second, convenor), "consensus")
    _date_to_meetings(meetings)
