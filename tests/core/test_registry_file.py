import pytest

from secondtrack.core.registry_file import RegistryFileError, parse_registry


def valid():
    return {
        "organisations": [
            {
                "id": "o1",
                "name": "Institute of Maritime Affairs",
                "acronym": "IMA",
                "country": "JP",
                "kind": "think_tank",
                "government_funding": 0.7,
                "mandate": "government_affiliated",
            }
        ],
        "people": [
            {
                "id": "p1",
                "name": "Hiroshi Tanaka",
                "other_names": ["田中博", "H. Tanaka"],
                "honorific": "Prof.",
                "countries": ["JP"],
                "gender": "m",
                "affiliations": [
                    {
                        "organisation": "o1",
                        "role": "Senior Fellow",
                        "kind": "employment",
                        "start": "2019-04-01",
                        "end": None,
                    }
                ],
            }
        ],
        "participants": ["p1"],
    }


def problems(data):
    with pytest.raises(RegistryFileError) as caught:
        parse_registry(data)
    return caught.value.problems


def test_design_example_parses():
    registry = parse_registry(valid())
    assert registry.people[0].other_names == ["田中博", "H. Tanaka"]
    assert registry.people[0].affiliations[0].start.isoformat() == "2019-04-01"


def test_every_bad_record_is_reported_by_its_path():
    data = valid()
    data["organisations"][0]["government_funding"] = 1.5
    data["people"][0]["affiliations"][0]["organisation"] = "o9"
    data["people"][0]["affiliations"][0]["start"] = "01/04/2019"
    data["people"].append({"id": "p2", "countries": ["Japan"]})
    found = problems(data)
    assert "organisations[0].government_funding: 1.5 must be a number from 0 to 1" in found
    assert any(p.startswith("people[0].affiliations[0].organisation: 'o9'") for p in found)
    assert any(p.startswith("people[0].affiliations[0].start: '01/04/2019'") for p in found)
    assert "people[1].name: is required" in found
    assert any(p.startswith("people[1].countries[0]: 'Japan'") for p in found)
    assert len(found) == 5


def test_duplicate_ids_and_unknown_participants_are_reported():
    data = valid()
    data["people"].append(dict(data["people"][0]))
    data["participants"] = ["p1", "p7"]
    found = problems(data)
    assert "people[1].id: 'p1' is already used by people[0]" in found
    assert "participants[1]: 'p7' is not the id of a person in this file" in found


def test_end_before_start_is_refused():
    data = valid()
    data["people"][0]["affiliations"][0]["end"] = "2018-01-01"
    assert problems(data) == [
        "people[0].affiliations[0].end: 2018-01-01 is before the start 2019-04-01"
    ]


def test_unknown_kind_lists_the_allowed_ones():
    data = valid()
    data["organisations"][0]["kind"] = "club"
    assert "is not one of: armed_forces, industry" in problems(data)[0]


def test_top_level_must_be_an_object():
    assert problems([1, 2]) == ["(top level): must be an object with organisations and people"]
