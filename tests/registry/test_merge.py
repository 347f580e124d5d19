"""Merging duplicates: everything moves to the survivor, nothing links anyone to content."""

from datetime import date

import pytest

from secondtrack.cli import main
from secondtrack.dialogues.models import Participation, Session
from secondtrack.record.models import Contribution
from secondtrack.registry.merge import MergeError, merge_people
from secondtrack.registry.models import Affiliation, Merge, Person
from tests import factories as f


def counts():
    return (
        Person.objects.count(),
        Participation.objects.count(),
        Affiliation.objects.count(),
        Merge.objects.count(),
    )


@pytest.fixture
def world(db):
    w = f.World.build()
    Session.objects.update(status=Session.Status.CLOSED)
    return w


def duplicate_of_alice(world, **fields):
    uni = world.alice.person.affiliations.get().organisation
    dup = f.person("アリス・タナカ", (uni, "employment"), email="a.tanaka@keiyo.example", **fields)
    return dup


@pytest.mark.django_db
def test_merge_keeps_every_participation_and_moves_the_login(world):
    dup = duplicate_of_alice(world)
    f.attend(world.beta, dup)
    survivor = world.alice.person
    before_participations = Participation.objects.count()
    merge_people(survivor, dup, by=world.convenor)
    assert not Person.objects.filter(id=dup.id).exists()
    assert set(survivor.participations.values_list("meeting__title", flat=True)) == {
        "Alpha Meeting",
        "Beta Meeting",
    }
    assert Participation.objects.count() == before_participations
    assert survivor.affiliations.count() == 1  # the identical affiliation is not doubled
    survivor.refresh_from_db()
    assert "アリス・タナカ" in survivor.other_names
    assert survivor.email == "a.tanaka@keiyo.example"
    record = Merge.objects.get()
    assert (record.survivor, record.merged_name, record.merged_by) == (
        survivor,
        "アリス・タナカ",
        world.convenor,
    )


@pytest.mark.django_db
def test_the_login_of_the_merged_record_moves(world):
    dup = duplicate_of_alice(world)
    login = f.user_for(dup, "dup@example.org")
    survivor = f.person("Alice T.")
    merge_people(survivor, dup, by=None)
    login.refresh_from_db()
    assert login.person == survivor


@pytest.mark.django_db
def test_both_asked_to_one_meeting_become_one_participation_and_revocation_wins(world):
    dup = duplicate_of_alice(world)
    f.attend(world.alpha, dup, status=Participation.Status.REVOKED)
    merge_people(world.alice.person, dup, by=None)
    (only,) = Participation.objects.filter(meeting=world.alpha, person=world.alice.person)
    assert only.status == Participation.Status.REVOKED


@pytest.mark.django_db
def test_merge_creates_no_link_to_sealed_or_capability_content(world):
    dup = duplicate_of_alice(world)
    session = Session.objects.get(meeting=world.alpha)
    c = Contribution.objects.create(session=session, text="An idea.", seal=b"sealed-to-dup")
    merge_people(world.alice.person, dup, by=None)
    c.refresh_from_db()
    assert (c.speaker_id, bytes(c.seal)) == (None, b"sealed-to-dup")


@pytest.mark.django_db
def test_merge_is_refused_while_the_merged_record_has_a_session_open(world):
    dup = duplicate_of_alice(world)
    f.attend(world.alpha, dup)
    Session.objects.filter(meeting=world.alpha).update(status=Session.Status.OPEN)
    before = counts()
    with pytest.raises(MergeError, match="session still open"):
        merge_people(world.carol.person, dup, by=None)
    assert counts() == before


@pytest.mark.django_db
def test_two_logins_are_refused_with_what_to_do(world):
    before = counts()
    with pytest.raises(MergeError, match="Deactivate the login"):
        merge_people(world.alice.person, world.carol.person, by=None)
    with pytest.raises(MergeError, match="themselves"):
        merge_people(world.alice.person, world.alice.person, by=None)
    assert counts() == before


@pytest.mark.django_db
def test_cli_merge_by_source_id(world, capsys):
    dup = duplicate_of_alice(world, source="ima", external_id="p7")
    f.attend(world.beta, dup, status="invited")
    assert main(["merge", str(world.alice.person.id), "ima:p7"]) == 0
    assert "Merged アリス・タナカ into person" in capsys.readouterr().out
    assert main(["merge", str(world.alice.person.id), "ima:p7"]) == 1
    assert "is not a person" in capsys.readouterr().err


@pytest.mark.django_db
def test_dated_affiliations_differing_in_dates_both_stay(world):
    dup = f.person("Alice Tanaka")
    uni = world.alice.person.affiliations.get().organisation
    Affiliation.objects.create(person=dup, organisation=uni, start=date(2001, 1, 1))
    merge_people(world.alice.person, dup, by=None)
    assert world.alice.person.affiliations.count() == 2


@pytest.mark.django_db
def test_a_merge_is_in_the_audit_log_of_the_survivors_series_without_names(world):
    from django.test import TestCase

    from secondtrack.audit.models import AuditEntry

    dup = duplicate_of_alice(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        merge_people(world.alice.person, dup, by=world.convenor)
    (entry,) = AuditEntry.objects.filter(action="merged")
    assert entry.series_id == world.series.id and entry.actor_id == world.convenor.id
    assert "Alice" not in entry.detail and "アリス" not in entry.detail
