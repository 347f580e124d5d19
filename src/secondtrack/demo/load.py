"""Load the fictional demo dialogue (dialogue.json beside this file) into the database.

Loading again replaces the previous demo series and resets the demo accounts' passwords,
so `secondtrack demo` can be run on every start.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from secondtrack.accounts.models import User
from secondtrack.core.policy import DESCRIPTIONS, Role
from secondtrack.demo.balloons import add_demo_balloons
from secondtrack.demo.record import add_demo_record
from secondtrack.demo.reports import add_demo_reports
from secondtrack.demo.stable import previous_ids, seeded_uuids
from secondtrack.demo.trackone import add_demo_uptake
from secondtrack.dialogues.models import (
    DelegationTarget,
    Meeting,
    Participation,
    Series,
    SeriesRole,
    Session,
)
from secondtrack.notifications.models import Notice
from secondtrack.registry.models import Affiliation, Organisation, Person
from secondtrack.registry.services import import_registry
from secondtrack.trackone.models import Transmission

DIALOGUE_FILE = Path(__file__).with_name("dialogue.json")


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    note: str


def read_dialogue() -> dict:
    return json.loads(DIALOGUE_FILE.read_text(encoding="utf-8"))


def _listed_affiliation(person: Person, org_id: str | None, when: date) -> Affiliation | None:
    if not org_id:
        return None
    candidates = [a for a in person.affiliations.all() if a.organisation.external_id == org_id]
    active = [a for a in candidates if a.active_on(when)]
    return (active or candidates or [None])[0]


def _meeting(
    series: Series, raw: dict, people: dict[str, Person], orgs: dict[str, int], ids: dict
) -> Meeting:
    meeting = Meeting.objects.create(
        id=ids["meetings"].get(raw["title"]),
        series=series,
        title=raw["title"],
        theme=raw.get("theme", ""),
        place=raw.get("place", ""),
        country=raw.get("country", ""),
        host_organisation_id=orgs.get(raw.get("host_organisation")),
        starts=date.fromisoformat(raw["starts"]),
        ends=date.fromisoformat(raw["ends"]),
        claimed_track=raw.get("claimed_track", "2"),
        agenda_set_by=raw.get("agenda_set_by", "independent"),
        invitations_routed=raw.get("invitations_routed", "convenor"),
        outputs_to_track_one=raw.get("outputs_to_track_one", False),
        listing_policy=raw.get("listing_policy", "unlisted"),
    )
    for position, s in enumerate(raw.get("sessions", [])):
        starts = datetime.fromisoformat(s["starts"]) if s.get("starts") else None
        Session.objects.create(
            id=ids["sessions"].get((raw["title"], s["title"])),
            meeting=meeting,
            title=s["title"],
            rule=s["rule"],
            status=s.get("status", "open"),
            starts=starts,
            position=position,
        )
    Participation.objects.bulk_create(
        Participation(
            meeting=meeting,
            person=people[p["person"]],
            status=p.get("status", "accepted"),
            capacity=p.get("capacity", "private"),
            role=p.get("role", "participant"),
            listing=p.get("listing", "default"),
            listed_affiliation=_listed_affiliation(
                people[p["person"]], p.get("listed_affiliation"), meeting.starts
            ),
        )
        for p in raw.get("participants", [])
    )
    return meeting


def load_demo(password: str | None = None, send_mail: bool = False) -> list[DemoAccount]:
    """Load (or reload in place of the last load, with the same ids) the demo dialogue.
    The e-mail notices its actions write are dropped unless ``send_mail``."""
    with seeded_uuids():
        return _load(password, send_mail)


@transaction.atomic
def _load(password: str | None, send_mail: bool) -> list[DemoAccount]:
    data = read_dialogue()
    password = password or secrets.token_urlsafe(9)
    last_notice = Notice.objects.order_by("-id").values_list("id", flat=True).first() or 0
    previous = Series.objects.filter(title=data["series"]["title"])
    ids = previous_ids(previous.first())
    # What was sent to Track One is protected from accidental deletion; the demo's is not.
    Transmission.objects.filter(body__series__in=previous).delete()
    previous.delete()
    summary = import_registry(data, source="demo")
    people = {
        key: Person.objects.prefetch_related("affiliations__organisation").get(id=p.id)
        for key, p in summary.people_by_file_id.items()
    }
    orgs = dict(Organisation.objects.filter(source="demo").values_list("external_id", "id"))
    raw_series = data["series"]
    series = Series.objects.create(
        id=ids["series"],
        title=raw_series["title"],
        description=raw_series.get("description", ""),
        convening_organisation_id=orgs.get(raw_series.get("convening_organisation")),
    )
    DelegationTarget.objects.bulk_create(  # NEACD's template (design §7)
        DelegationTarget(
            series=series, country=t.get("country", ""), category=t["category"], count=t["count"]
        )
        for t in raw_series.get("delegation", [])
    )
    meetings = [_meeting(series, m, people, orgs, ids) for m in data["meetings"]]
    accounts = _accounts(data, series, people, meetings, password)
    convenor = User.objects.get(email=accounts[0].email)
    add_demo_record(meetings, convenor)
    add_demo_balloons(meetings)
    add_demo_reports(meetings)
    add_demo_uptake(series, convenor)
    add_live_session(meetings[1], ids)
    if not send_mail:  # fictional people at example.org: nothing leaves unless asked
        Notice.objects.filter(id__gt=last_notice).delete()
    return accounts


LIVE_SESSION = "Live now: follow-up to the memorandum (demo session, open for an hour or more)"


def add_live_session(meeting: Meeting, ids: dict) -> Session:
    """A session open now, in the meeting every demo account belongs to, so that each can
    join the room live; it started a few minutes ago and runs four hours."""
    return Session.objects.create(
        id=ids["sessions"].get((meeting.title, LIVE_SESSION)),
        meeting=meeting,
        title=LIVE_SESSION,
        rule="chatham_house",
        status="open",
        starts=timezone.now() - timedelta(minutes=10),
        duration_minutes=240,
        position=meeting.sessions.count(),
    )


def _accounts(
    data: dict, series: Series, people: dict[str, Person], meetings: list[Meeting], password: str
) -> list[DemoAccount]:
    accounts = []
    for raw in data["accounts"]:
        person = people[raw["person"]]
        role = raw["role"]
        user, _ = User.objects.update_or_create(
            email=person.email,
            defaults={
                "display_name": person.name,
                "person": person,
                "is_analyst": role == "analyst",
            },
        )
        user.set_password(password)
        user.save()
        if role in (SeriesRole.Role.CONVENOR, SeriesRole.Role.ANALYST):
            SeriesRole.objects.get_or_create(series=series, user=user, role=role)
        member_of = [
            m.title.split(" of ")[0]
            for m in meetings
            if m.participations.filter(
                person=person, status__in=Participation.MEMBER_STATUSES
            ).exists()
        ]
        note = (
            f"{person.name}; {DESCRIPTIONS[Role(role)]}; "
            f"member of: {', '.join(member_of) or 'no meeting'}"
        )
        accounts.append(DemoAccount(role, user.email, password, note))
    return accounts


def send_demo_mail() -> str | None:
    """Send the notices the demo left pending now; a sentence if the mail server did not
    take them (they stay pending for send_notifications), None when all went."""
    from secondtrack.notifications import outbox

    pending = Notice.objects.filter(sent__isnull=True, delivery="immediate")
    _sent, failed = outbox.send_pending(ids=list(pending.values_list("id", flat=True)))
    if not failed:
        return None
    error = pending.exclude(last_error="").values_list("last_error", flat=True).first()
    return f"{failed} demo notice(s) not sent: {error or 'the mail server did not take them.'}"
