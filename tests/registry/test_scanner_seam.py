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
