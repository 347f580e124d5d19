"""Load the fictional demo dialogue (dialogue.json beside this file) into the database.

Loading again replaces the previous demo series and resets the demo accounts' passwords,
so `secondtrack demo` can be run on every start.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from secondtrack.accounts.models import User
from secondtrack.core.policy import DESCRIPTIONS, Role
from secondtrack.demo.balloons import add_demo_balloons
from secondtrack.demo.record import add_demo_record
from secondtrack.demo.reports import add_demo_reports
from secondtrack.demo.trackone import add_demo_uptake
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole, Session
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


def _meeting(series: Series, raw: dict, people: dict[str, Person], orgs: dict[str, int]) -> Meeting:
    meeting = Meeting.objects.create(
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


@transaction.atomic
def load_demo(password: str | None = None) -> list[DemoAccount]:
    data = read_dialogue()
    password = password or secrets.token_urlsafe(9)
    previous = Series.objects.filter(title=data["series"]["title"])
    # What was sent to Track One is protected from accidental deletion; the demo's is not.
    Transmission.objects.filter(body__series__in=previous).delete()
    previous.delete()
    summary = import_registry(data, source="demo")
    people = {
        key: Person.objects.prefetch_related("affiliations__organisation").get(id=p.id)
        for key, p in summary.people_by_file_id.items()
    }
    orgs = dict(
        Organisation.objects.filter(source="demo").values_list("external_id", "id")
    )
    raw_series = data["series"]
    series = Series.objects.create(
        title=raw_series["title"],
        description=raw_series.get("description", ""),
        convening_organisation_id=orgs.get(raw_series.get("convening_organisation")),
    )
    meetings = [_meeting(series, m, people, orgs) for m in data["meetings"]]
    accounts = _accounts(data, series, people, meetings, password)
    convenor = User.objects.get(email=accounts[0].email)
    add_demo_record(meetings, convenor)
    add_demo_balloons(meetings)
    add_demo_reports(meetings)
    add_demo_uptake(series, convenor)
    return accounts


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
