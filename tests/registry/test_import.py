import json

import pytest

from secondtrack.cli import main
from secondtrack.core.registry_file import RegistryFileError
from secondtrack.registry.models import Affiliation, Organisation, Person
from secondtrack.registry.services import import_registry
from tests.core.test_registry_file import valid


def snapshot():
    return (
        list(Organisation.objects.values_list("name", "government_funding")),
        list(Person.objects.values_list("name", "honorific")),
        list(Affiliation.objects.values_list("role", "start")),
    )


@pytest.mark.django_db
def test_import_creates_people_organisations_and_affiliations():
    summary = import_registry(valid())
    assert (summary.organisations, summary.people, summary.affiliations) == (1, 1, 1)
    person = Person.objects.get(source="import", external_id="p1")
    assert person.other_names == ["田中博", "H. Tanaka"]
    assert person.affiliations.get().organisation.acronym == "IMA"


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating():
    import_registry(valid())
    data = valid()
    data["people"][0]["honorific"] = "Dr."
    import_registry(data)
    assert Person.objects.get().honorific == "Dr."
    assert Affiliation.objects.count() == 1


@pytest.mark.django_db
def test_failed_import_changes_nothing():
    import_registry(valid())
    before = snapshot()
    data = valid()
    data["organisations"][0]["government_funding"] = 0.1
    data["people"].append(
        {"id": "p2", "name": "Broken", "affiliations": [{"organisation": "nope"}]}
    )
    with pytest.raises(RegistryFileError):
        import_registry(data)
    assert snapshot() == before


@pytest.mark.django_db
def test_cli_import_reports_every_problem_by_path(tmp_path, capsys):
    data = valid()
    data["people"][0]["gender"] = "male"
    data["people"][0]["affiliations"][0]["kind"] = "job"
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(data))
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err
    assert "people[0].gender: 'male' is not one of: f, m, x" in err
    assert "people[0].affiliations[0].kind: 'job' is not one of:" in err
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_cli_import_succeeds_and_says_what_it_loaded(tmp_path, capsys):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(valid()), encoding="utf-8")
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "people: 1 new, 0 updated, 0 unchanged" in out
    assert "organisations: 1 new" in out and "affiliations: 1" in out


def test_cli_import_rejects_a_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "registry.json"
    path.write_text("{not json")
    assert main(["import", str(path)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
