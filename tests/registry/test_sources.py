"""Imports keep each source's ids to itself, flag possible duplicates, and round-trip."""

import json

import pytest

from secondtrack.cli import main
from secondtrack.core.registry_file import RegistryFileError
from secondtrack.registry.export import export_registry
from secondtrack.registry.models import Affiliation, Organisation, Person, Source
from secondtrack.registry.services import import_registry
from tests.core.test_registry_file import valid


def lim_file():
    return {
        "organisations": [
            {"id": "o1", "name": "Centre for Strategic Dialogue", "acronym": "CSD", "kind": "ngo"}
        ],
        "people": [
            {
                "id": "p1",
                "name": "Lim Wei Ling",
                "email": "lim@example.org",
                "countries": ["SG"],
                "affiliations": [{"organisation": "o1", "role": "Director"}],
            }
        ],
    }


def snapshot():
    return (
        sorted(Organisation.objects.values_list("source", "external_id", "name", "other_names")),
        sorted(
            Person.objects.values_list(
                "source", "external_id", "name", "email", "other_names", "former_roles"
            )
        ),
        sorted(Affiliation.objects.values_list("person__name", "organisation__name", "role")),
    )


@pytest.mark.django_db
def test_two_files_with_the_same_ids_import_side_by_side():
    import_registry(lim_file(), "csd")
    summary = import_registry(valid(), "ima")
    assert summary.created["people"] == 1
    lim = Person.objects.get(source="csd", external_id="p1")
    assert lim.name == "Lim Wei Ling"
    assert [a.organisation.name for a in lim.affiliations.all()] == [
        "Centre for Strategic Dialogue"
    ]
    assert Person.objects.get(source="ima", external_id="p1").name == "Hiroshi Tanaka"
    assert Person.objects.count() == 2 and Organisation.objects.count() == 2


@pytest.mark.django_db
def test_reimporting_a_source_updates_its_own_records_only():
    import_registry(lim_file(), "csd")
    import_registry(valid(), "ima")
    data = valid()
    data["people"][0]["honorific"] = "Dr."
    summary = import_registry(data, "ima")
    assert (summary.created["people"], summary.updated["people"]) == (0, 1)
    assert Person.objects.get(source="ima").honorific == "Dr."
    assert Person.objects.get(source="csd").name == "Lim Wei Ling"
    again = import_registry(data, "ima")
    assert again.unchanged == {"organisations": 1, "people": 1}


def tanaka_elsewhere(**person):
    return {
        "organisations": [
            {"id": "x9", "name": "IMA Tokyo", "acronym": "IMA", "country": "JP", "kind": "other"}
        ],
        "people": [
            {
                "id": "t",
                "name": "Someone",
                "affiliations": [{"organisation": "x9", "role": "Fellow"}],
                **person,
            }
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "person, reason",
    [
        ({"email": "h.tanaka@ima.example"}, "the same e-mail address"),
        ({"name": "田中 博"}, "the same name and an affiliation in common"),
        ({"name": "TANAKA Hiroshi"}, "the same name and an affiliation in common"),
    ],
)
def test_a_look_alike_from_another_source_is_flagged_never_merged(person, reason):
    data = valid()
    data["people"][0]["email"] = "h.tanaka@ima.example"
    import_registry(data, "ima")
    summary = import_registry(tanaka_elsewhere(**person), "other")
    assert [d.reason for d in summary.duplicates] == [reason]
    assert "not merged" in summary.lines()[-1]
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_names_without_diacritics_are_the_same_name():
    vn = {
        "organisations": [{"id": "o", "name": "Diplomatic Academy of Vietnam", "kind": "other"}],
        "people": [{"id": "a", "name": "Nguyễn Văn An", "affiliations": [{"organisation": "o"}]}],
    }
    import_registry(vn, "dav")
    vn["people"][0]["name"] = "Nguyen Van An"
    summary = import_registry(vn, "other")
    assert len(summary.duplicates) == 1
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_a_shared_name_without_a_shared_organisation_is_not_a_duplicate():
    import_registry(valid(), "ima")
    stranger = tanaka_elsewhere(name="Hiroshi Tanaka")
    stranger["organisations"][0].update(name="Osaka Bank", acronym="OB")
    assert import_registry(stranger, "bank").duplicates == []


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_says_what_it_would_do():
    import_registry(lim_file(), "csd")
    before = snapshot()
    summary = import_registry(valid(), "ima", dry_run=True)
    assert summary.created["people"] == 1
    assert "Nothing was written" in summary.lines()[-1]
    assert snapshot() == before
    assert not Source.objects.filter(name="ima").exists()


@pytest.mark.django_db
def test_a_bad_file_changes_nothing_and_names_every_problem():
    import_registry(lim_file(), "csd")
    before = snapshot()
    data = valid()
    data["people"][0]["former_roles"] = [{"role": "Ambassador", "start": "2020", "end": None}]
    data["organisations"][0]["other_names"] = "IMA"
    with pytest.raises(RegistryFileError) as caught:
        import_registry(data, "ima")
    assert caught.value.problems == [
        "organisations[0].other_names: must be a list of text",
        "people[0].former_roles[0].start: '2020' is not a date written as YYYY-MM-DD",
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_the_app_source_is_reserved():
    with pytest.raises(RegistryFileError) as caught:
        import_registry(valid(), "app")
    assert "reserved for records made in the product" in caught.value.problems[0]


def rich():
    data = valid()
    data["organisations"][0].update(other_names=["海洋問題研究所", "Kaiyo-ken"], portfolio="")
    data["people"][0].update(
        email="tanaka@ima.example",
        sector="think_tank",
        published_names=["H. Tanaka-Ito"],
        titles=["retired admiral"],
        former_roles=[
            "Commander of the Fleet",
            {"role": "Defence Attaché in Canberra", "start": "2010-01-01", "end": "2013-03-31"},
        ],
    )
    return data


@pytest.mark.django_db
def test_export_then_import_changes_nothing():
    import_registry(rich(), "ima")
    import_registry(lim_file(), "csd")
    before = snapshot()
    exported = export_registry(Person.objects.all(), Organisation.objects.all())
    assert {p["id"] for p in exported["people"]} == {"ima:p1", "csd:p1"}
    summary = import_registry(json.loads(json.dumps(exported)), "roundtrip")
    assert summary.created == {"organisations": 0, "people": 0}
    assert summary.updated == {"organisations": 0, "people": 0}
    assert snapshot() == before
    assert export_registry(Person.objects.all(), Organisation.objects.all()) == exported


@pytest.mark.django_db
def test_richer_records_are_stored():
    import_registry(rich(), "ima")
    person = Person.objects.get()
    assert person.sector == "think_tank"
    assert person.published_names == ["H. Tanaka-Ito"]
    assert person.former_roles == [
        {"role": "Commander of the Fleet", "start": None, "end": None},
        {"role": "Defence Attaché in Canberra", "start": "2010-01-01", "end": "2013-03-31"},
    ]
    assert Organisation.objects.get().other_names == ["海洋問題研究所", "Kaiyo-ken"]


@pytest.mark.django_db
def test_cli_names_the_source_after_the_file_and_refuses_another_file_of_that_name(
    tmp_path, capsys
):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "registry.json").write_text(json.dumps(lim_file()))
    (second / "registry.json").write_text(json.dumps(valid()))
    assert main(["import", str(first / "registry.json")]) == 0
    assert "Imported source 'registry'" in capsys.readouterr().out
    before = snapshot()
    assert main(["import", str(second / "registry.json")]) == 1
    assert "--source" in capsys.readouterr().err
    assert snapshot() == before
    assert main(["import", str(second / "registry.json"), "--source", "ima"]) == 0
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_cli_dry_run_and_export(tmp_path, capsys):
    path = tmp_path / "ima.json"
    path.write_text(json.dumps(rich()))
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "people: 1 new" in out and "Nothing was written" in out
    assert Person.objects.count() == 0
    assert main(["import", str(path)]) == 0
    out_file = tmp_path / "export.json"
    assert main(["export-registry", "--out", str(out_file)]) == 0
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    exported = json.loads(out_file.read_text())
    assert exported["people"][0]["published_names"] == ["H. Tanaka-Ito"]
    capsys.readouterr()
    assert main(["import", str(out_file)]) == 0
    assert "people: 0 new, 0 updated, 1 unchanged" in capsys.readouterr().out
