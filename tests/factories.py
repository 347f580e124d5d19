"""Named test data: people, organisations, meetings and users built in a line each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from secondtrack.accounts.models import User
from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole, Session
from secondtrack.registry.models import Affiliation, Organisation, Person

PASSWORD = "correct horse battery"
DEMO_PASSWORD = "demo-password-for-tests"


def organisation(name: str = "Keiyo University", **fields) -> Organisation:
    fields.setdefault("kind", "university")
    fields.setdefault("mandate", "independent")
    fields.setdefault("country", "JP")
    return Organisation.objects.create(name=name, **fields)


def person(name: str, *affiliations: tuple[Organisation, str], **fields) -> Person:
    fields.setdefault("countries", ["JP"])
    p = Person.objects.create(name=name, **fields)
    for org, kind in affiliations:
        Affiliation.objects.create(
            person=p, organisation=org, kind=kind, role=kind.title(), start=date(2015, 1, 1)
        )
    return p


def user_for(p: Person | None, email: str, **fields) -> User:
    return User.objects.create_user(email, PASSWORD, person=p, **fields)


def meeting(series: Series, title: str, starts: date = date(2025, 3, 1), **fields) -> Meeting:
    return Meeting.objects.create(series=series, title=title, starts=starts, ends=starts, **fields)


def attend(m: Meeting, p: Person, **fields) -> Participation:
    fields.setdefault("status", "attended")
    return Participation.objects.create(meeting=m, person=p, **fields)


@dataclass
class World:
    series: Series
    alpha: Meeting
    beta: Meeting
    convenor: User
    alice: User  # member of alpha only
    bob: User  # member of beta only
    carol: User  # member of alpha, unlisted by choice
    outsider: User  # no meeting at all

    @classmethod
    def build(cls) -> World:
        uni = organisation()
        mofa = organisation(
            "Ministry of Foreign Affairs", kind="ministry", mandate="government_body"
        )
        series = Series.objects.create(title="Maritime Dialogue")
        alpha = meeting(series, "Alpha Meeting", listing_policy="listed")
        beta = meeting(series, "Beta Meeting", starts=date(2025, 9, 1))
        Session.objects.create(meeting=alpha, title="Plenary", rule="chatham_house")
        Session.objects.create(meeting=beta, title="Secret roundtable", rule="off_the_record")
        alice_p = person("Alice Tanaka", (uni, "employment"))
        bob_p = person("Bob Nguyen", (mofa, "employment"), countries=["VN"])
        carol_p = person("Carol Park", (uni, "employment"), countries=["KR"])
        attend(alpha, alice_p)
        attend(alpha, carol_p, listing="unlisted")
        attend(beta, bob_p)
        convenor = user_for(None, "convenor@example.org")
        SeriesRole.objects.create(series=series, user=convenor, role="convenor")
        return cls(
            series,
            alpha,
            beta,
            convenor,
            alice=user_for(alice_p, "alice@example.org"),
            bob=user_for(bob_p, "bob@example.org"),
            carol=user_for(carol_p, "carol@example.org"),
            outsider=user_for(person("Olga Outsider"), "olga@example.org"),
        )
