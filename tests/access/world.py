"""The matrix world: one identity per role, and the objects every operation is tried on.

Identities say which roles they were *given* here (a participation's role in a meeting, a
series role, platform admin); the expected answers are computed from those roles through
core/policy.py, never read back from the app's own access code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from secondtrack.accounts.models import ApiToken, User
from secondtrack.balloons import selectors as balloon_selectors
from secondtrack.balloons import services as balloon_services
from secondtrack.balloons.models import Balloon
from secondtrack.core.policy import MEETING_ROLES, Role
from secondtrack.delivery.models import Delivery
from secondtrack.dialogues.models import Participation, Series, SeriesRole, Session
from secondtrack.record import selectors as record_selectors
from secondtrack.record import services as record_services
from secondtrack.reports.models import Report, ReportVersion, ReviewComment, hash_token
from secondtrack.trackone import services as trackone_services
from secondtrack.trackone.models import Proposal, Transmission
from tests import factories

SERIES_OF = {"A": "S", "B": "S", "C": "T"}  # meeting -> series

# Words planted in content, so a response body can be searched for them (test B).
SECRET_WORDS = {
    "contribution": "Contribution-text-walrus",
    "statement": "Balloon-statement-narwhal",
    "draft": "Draft-body-axolotl",
}


@dataclass(frozen=True)
class Identity:
    key: str
    meeting_roles: dict[str, Role] = field(default_factory=dict)  # meeting key -> role
    series_roles: dict[str, tuple[Role, ...]] = field(default_factory=dict)
    admin: bool = False
    anonymous: bool = False
    pending: dict[str, str] = field(default_factory=dict)  # meeting -> invited/declined


IDENTITIES: tuple[Identity, ...] = (
    *(Identity(r.value, meeting_roles={"A": r}) for r in MEETING_ROLES),
    Identity("convenor", series_roles={"S": (Role.CONVENOR,)}),
    Identity("analyst", series_roles={"S": (Role.ANALYST,)}),
    Identity("admin", admin=True),
    Identity("outsider"),
    Identity("anonymous", anonymous=True),
    Identity("convenor_of_t", series_roles={"T": (Role.CONVENOR,)}),
    Identity("member_of_b", meeting_roles={"B": Role.PARTICIPANT}),
    Identity("invited_or_declined", pending={"A": "invited", "B": "declined"}),
)
BY_KEY = {i.key: i for i in IDENTITIES}


@dataclass
class Obj:
    """One object an operation is tried on: its kind, where it lives and the URL ids."""

    kind: str
    key: str
    ids: dict
    meeting: str | None = None  # meeting key, for meeting-bound objects
    series: str | None = None  # series key
    status: str | None = None  # reports: draft / in_review / published
    owner: str | None = None  # the identity that authored or owns it
    people_in: tuple[str, ...] = ()  # persons: the meetings they take part in


@dataclass
class World:
    users: dict[str, User]
    tokens: dict[str, str]
    objects: dict[str, list[Obj]]
    names: list[str]  # every participant's name (test B)


def _people(meetings: dict, users: dict, names: list) -> dict:
    """Users for every identity, and enough extra members that aggregates are shown."""
    uni = factories.organisation("Matrix University")
    for identity in IDENTITIES:
        if identity.anonymous:
            continue
        person = None
        if identity.meeting_roles or identity.pending or identity.key == "outsider":
            name = f"Person {identity.key.replace('_', ' ').title()} Zed"
            person = factories.person(name, (uni, "employment"))
            names.append(name)
        user = factories.user_for(person, f"{identity.key}@matrix.example.org")
        if identity.admin:
            user.is_staff = True
            user.save()
        users[identity.key] = user
        for m, role in identity.meeting_roles.items():
            factories.attend(meetings[m], person, role=role.value, listing="listed")
        for m, status in identity.pending.items():
            factories.attend(meetings[m], person, status=status)
    extras = {}
    for m, meeting in meetings.items():
        for n in range(4):
            name = f"Extra {m}{n} Quokka"
            p = factories.person(
                name, (uni, "employment"), countries=["JP", "KR", "VN", "SG"][n:][:1]
            )
            factories.attend(meeting, p, listing="listed")
            names.append(name)
            extras.setdefault(m, p)
    return extras


def _series_roles(series: dict, users: dict) -> None:
    for identity in IDENTITIES:
        for s, roles in identity.series_roles.items():
            for role in roles:
                SeriesRole.objects.create(series=series[s], user=users[identity.key], role=role)


def _speaker_of(m: str) -> str:
    return {"A": "participant", "B": "member_of_b"}.get(m, "")


def _sessions(meetings: dict, users: dict, extras: dict) -> list[Obj]:
    plan = [("A", rule) for rule in Session.Rule.values] + [("B", "chatham_house")]
    plan.append(("C", "chatham_house"))
    out = []
    for m, rule in plan:
        session = Session.objects.create(meeting=meetings[m], title=f"{m} {rule}", rule=rule)
        author = _speaker_of(m)
        if author:
            access = record_selectors.session_access(users[author], session.id)
        else:  # meeting C: nobody here has an account, so post as its first member
            user = factories.user_for(extras[m], f"speaker-{m}@matrix.example.org")
            access = record_selectors.session_access(user, session.id)
        posted = record_services.post(access, f"{SECRET_WORDS['contribution']} in {m} {rule}.")
        ids = {
            "session_id": session.id,
            "contribution_id": str(posted.contribution.id),
            "capability": getattr(posted, "capability", None),
        }
        out.append(Obj("session", f"{m}:{rule}", ids, meeting=m, series=SERIES_OF[m], owner=author))
    return out


def _balloons(meetings: dict, series: dict, users: dict, extras: dict) -> list[Obj]:
    text = f"{SECRET_WORDS['statement']}: a hotline between coast guards."
    plan = [("A", "A"), ("S", None), ("C", "C")]
    out = []
    for key, m in plan:
        if m == "C":
            user = User.objects.get(person=extras[m])
            standing = balloon_selectors.member_access(user, meetings[m].id)
        elif m is None:
            standing = balloon_selectors.series_access(users["participant"], series["S"].id)
        else:
            standing = balloon_selectors.member_access(users["participant"], meetings[m].id)
        balloon = balloon_services.float_balloon(standing, text).balloon
        statement = balloon.statements.get()
        ids = {"balloon_id": str(balloon.id), "statement_id": str(statement.id)}
        s = SERIES_OF[m] if m else "S"
        out.append(Obj("balloon", key, ids, meeting=m, series=s))
    return out


def _reports(meetings: dict, series: dict) -> list[Obj]:
    plan = [("A", "draft"), ("A", "in_review"), ("A", "published"), ("C", "published")]
    out = []
    for m, status in plan:
        body = f"## Summary\n\n{SECRET_WORDS['draft']} {m} {status}.\n"
        report = Report.objects.create(
            series=series[SERIES_OF[m]],
            meeting=meetings[m],
            kind="rapporteurs_report",
            title=f"Report {m} {status}",
            body=body,
            status=status,
        )
        if status == "published":
            ReportVersion.objects.create(
                report=report,
                number=1,
                title=report.title,
                body=body,
                visibility="meeting",
                published_on=date(2025, 3, 2),
            )
        comment = ReviewComment.objects.create(report=report, text="Tighten the summary.")
        ids = {"report_id": str(report.id), "comment_id": str(comment.id), "fmt": "md"}
        out.append(
            Obj("report", f"{m}:{status}", ids, meeting=m, series=SERIES_OF[m], status=status)
        )
    return out


def _track_one(s: Series, meeting_balloon: Balloon, convenor: User) -> dict:
    """A body with a contact, a published memorandum with a proposal, and a transmission."""
    body = trackone_services.add_body(s, f"Forum of {s.title}", "intergovernmental_forum")
    trackone_services.add_contact(body, "Desk", "desk@forum.example.org")
    memo = Report.objects.create(
        series=s, kind="memorandum", title=f"Memorandum {s.title}", status="published"
    )
    version = ReportVersion.objects.create(
        report=memo,
        number=1,
        title=memo.title,
        body="Proposals.",
        visibility="series",
        published_on=date(2025, 4, 1),
    )
    proposal = Proposal.objects.create(memorandum=memo, balloon=meeting_balloon, text="Hotline.")
    transmission = Transmission.objects.create(
        version=version,
        body=body,
        sent_on=date(2025, 4, 2),
        token_hash=hash_token(f"link-{s.id}"),
        expires=timezone.now() + timedelta(days=30),
        sent_by=convenor,
    )
    return {
        "series_id": s.id,
        "body_id": body.id,
        "report_id": str(memo.id),
        "proposal_id": proposal.id,
        "transmission_id": str(transmission.id),
        "balloon_id": str(meeting_balloon.id),
    }


def build() -> World:
    series = {
        "S": Series.objects.create(title="Series S"),
        "T": Series.objects.create(title="Series T"),
    }
    meetings = {
        m: factories.meeting(
            series[s], f"Meeting {m}", starts=date(2025, 3, 1 + i), listing_policy="listed"
        )
        for i, (m, s) in enumerate(SERIES_OF.items())
    }
    users: dict[str, User] = {}
    names: list[str] = []
    extras = _people(meetings, users, names)
    _series_roles(series, users)
    sessions = _sessions(meetings, users, extras)
    balloons = _balloons(meetings, series, users, extras)
    convenors = {"S": users["convenor"], "T": users["convenor_of_t"]}
    a_balloon = {"S": balloons[0], "T": balloons[2]}
    series_objs = [
        Obj(
            "series",
            s,
            _track_one(
                series[s], Balloon.objects.get(id=a_balloon[s].ids["balloon_id"]), convenors[s]
            ),
            series=s,
        )
        for s in ("S", "T")
    ]
    delivery = Delivery.objects.create(
        user=users["participant"],
        channel="kindle",
        filename="r.epub",
        title="R",
        mimetype="application/epub+zip",
    )
    people = [
        Obj("person", f"extra of {m}", {"person_id": extras[m].id}, people_in=(m,))
        for m in ("A", "C")
    ]
    objects = {
        "meeting": [
            Obj(
                "meeting",
                m,
                {"meeting_id": mt.id, "person_id": extras[m].id},
                meeting=m,
                series=SERIES_OF[m],
            )
            for m, mt in meetings.items()
        ],
        "session": sessions,
        "balloon": balloons,
        "report": _reports(meetings, series),
        "series": series_objs,
        "person": people,
        "delivery": [
            Obj("delivery", "participant's", {"delivery_id": str(delivery.id)}, owner="participant")
        ],
        "none": [Obj("none", "-", {"provider": "dropbox"})],
        "new_series": [Obj("new_series", "-", {})],
    }
    tokens = {k: ApiToken.issue(u, 1) for k, u in users.items()}
    _ = Participation  # imported for readers: participations are made by factories.attend
    return World(users, tokens, objects, names)
