import json

import pytest
from deattribution_support import DATA, small_registry

from secondtrack.core.deattribution import Registry, RegistryError, Scanner


def minimal(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisations": [
            {"id": "o1", "name": "Institute of Maritime Affairs", "kind": "think_tank"}
        ],
        "people": [
            {
                "id": "p1",
                "name": "Hiroshi Tanaka",
                "affiliations": [{"organisation": "o1", "role": "Director"}],
            }
        ],
    }
    data.update(changes)
    return data


def test_reads_the_design_example_registry():
    registry = Registry.from_dict(minimal(participants=["p1"]))
    assert registry.people["p1"].affiliations[0].role == "Director"
    assert [p.id for p in registry.participants] == ["p1"]


def test_everyone_is_a_participant_without_a_participant_list():
    assert [p.id for p in Registry.from_dict(minimal()).participants] == ["p1"]


def test_participant_list_restricts_participants_but_keeps_other_people():
    registry = small_registry()
    assert "lindqvist" in registry.people
    assert not registry.is_participant("lindqvist")


def test_reads_optional_fields():
    person = small_registry().people["kim"]
    assert person.titles == ("former ambassador to Vietnam",)
    assert small_registry().people["dewi"].family_names == ("Sari",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"organisations": []}, "no 'people' list"),
        (minimal(people="nobody"), "people must be a list"),
        (minimal(people=[{"id": "p1"}]), "people[0].name is missing"),
        (minimal(people=[{"id": "p1", "name": 7}]), "people[0].name must be a non-empty string"),
        (minimal(people=[{"id": "p1", "name": "A"}, {"id": "p1", "name": "B"}]), "used twice"),
        (
            minimal(people=[{"id": "p1", "name": "A", "affiliations": [{"organisation": "o9"}]}]),
            "people[0].affiliations[0].organisation 'o9' is not in 'organisations'",
        ),
        (minimal(organisations=[{"id": "o1", "name": "X", "kind": "club"}]), "kind 'club'"),
        (minimal(participants=["p7"]), "participants[0] 'p7'"),
        (minimal(people=[{"id": "p1", "name": "A", "other_names": "Tanaka"}]), "other_names"),
        (minimal(people=[{"id": "p1", "name": "A", "sector": "guild"}]), "sector 'guild'"),
    ],
)
def test_bad_registry_raises_registry_error_naming_the_path(data, message):
    with pytest.raises(RegistryError) as error:
        Registry.from_dict(data)
    assert message in str(error.value)


def test_corpus_registry_has_at_least_sixty_people():
    data = json.loads((DATA / "registry.json").read_text(encoding="utf-8"))
    registry = Registry.from_dict(data)
    assert len(registry.people) >= 60
    assert any(p.other_names for p in registry.people.values())


def test_former_roles_may_be_dated_objects_and_published_names_are_matched():
    registry = Registry.from_dict(
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Hiroshi Tanaka",
                    "published_names": ["Kenta Mori"],
                    "former_roles": [
                        "Commander of the Fleet Escort Force",
                        {"role": "Ambassador to Vietnam", "start": "2015-04-01", "end": None},
                    ],
                }
            ]
        }
    )
    person = registry.people["p1"]
    assert person.former_roles == ("Commander of the Fleet Escort Force", "Ambassador to Vietnam")
    text = "A paper by Kenta Mori was circulated."
    assert [text[f.start : f.end] for f in Scanner(registry).scan(text)] == ["Kenta Mori"]
    with pytest.raises(RegistryError, match=r"people\[0\]\.former_roles\[0\]"):
        Registry.from_dict({"people": [{"id": "p1", "name": "X Y", "former_roles": [3]}]})
