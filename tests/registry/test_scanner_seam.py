"""What the registry knows reaches the attribution checker: alternate organisation names,
the names people publish under, former roles and sector."""

import pytest

from secondtrack.attribution.services import meeting_registry, scan_for_meeting
from secondtrack.dialogues.models import Series
from tests import factories as f


@pytest.fixture
def meeting(db):
    m = f.meeting(Series.objects.create(title="S"), "M")
    mofa = f.organisation(
        "Ministry of Foreign Affairs of Japan",
        kind="ministry",
        acronym="MOFA",
        other_names=["外務省", "Gaimusho"],
        portfolio="foreign_affairs",
    )
    kenji = f.person(
        "Kenji Morikawa",
        (mofa, "employment"),
        published_names=["K. J. Morikawa-Hale"],
        sector="ministry",
        former_roles=[{"role": "Ambassador to Mongolia", "start": None, "end": "2019-01-01"}],
    )
    f.attend(m, kenji)
    return m


def test_the_meeting_registry_carries_the_richer_fields(meeting):
    data = meeting_registry(meeting)
    assert data["organisations"][0]["other_names"] == ["外務省", "Gaimusho"]
    (person,) = data["people"]
    assert "K. J. Morikawa-Hale" in person["other_names"]
    assert person["former_roles"] == ["Ambassador to Mongolia"]
    assert person["sector"] == "ministry"


@pytest.mark.parametrize("text", ["A colleague from Gaimusho said so.", "外務省の方が言った。"])
def test_an_organisation_written_under_another_name_is_found(meeting, text):
    categories = {x.category for x in scan_for_meeting(meeting, text)}
    assert "affiliation" in categories


def _flagged(meeting, text):
    """What the checker flags as naming, or pointing at, someone in the meeting."""
    return {
        (text[x.start : x.end], x.category)
        for x in scan_for_meeting(meeting, text)
        if x.category in ("name", "affiliation")
    }


def test_the_checker_learns_of_registry_edits_at_its_next_scan(meeting):
    """The scanner is cached per meeting; an edit to the registry must reach the next scan
    (a late invitee, a new name, a new employer), and a declined invitee is not looked for."""
    text = "Haruka Ito of the Keiyo Institute, also known as Kaito Sora, agreed."
    assert _flagged(meeting, text) == set()

    haruka = f.person("Haruka Ito")
    late = f.attend(meeting, haruka)
    assert _flagged(meeting, text) == {("Haruka Ito", "name")}

    haruka.other_names = ["Kaito Sora"]
    haruka.save()
    assert _flagged(meeting, text) == {("Haruka Ito", "name"), ("Kaito Sora", "name")}

    haruka.affiliations.create(organisation=f.organisation("Keiyo Institute"), kind="employment")
    assert ("the Keiyo Institute", "affiliation") in _flagged(meeting, text)

    late.status = late.Status.DECLINED
    late.save()
    assert _flagged(meeting, text) == set()
