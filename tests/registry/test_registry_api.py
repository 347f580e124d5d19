"""The registry over the API: search and invite, export, edit, merge, breaches, targets."""

import json
from datetime import date

import pytest
from django.test import TestCase

from secondtrack.dialogues.models import DelegationTarget, Participation, Session
from secondtrack.registry.models import Breach, Merge, Organisation, Person
from secondtrack.registry.services import import_registry
from tests import factories as f
from tests.api.helpers import auth as bearer


@pytest.fixture
def world(db):
    w = f.World.build()
    Session.objects.update(status=Session.Status.CLOSED)
    return w


@pytest.fixture
def tanaka(db):
    ima = f.organisation("Institute of Maritime Affairs", kind="think_tank", acronym="IMA")
    return f.person(
        "Hiroshi Tanaka", (ima, "employment"), other_names=["田中博"], email="ht@ima.example"
    )


def send(client, user, method, path, body=None):
    return client.generic(
        method,
        path,
        json.dumps({} if body is None else body),
        content_type="application/json",
        **bearer(user),
    )


def test_candidates_and_inviting_one_over_the_api(client, world, tanaka):
    path = f"/api/meetings/{world.alpha.id}/candidates?q=Tanaka"
    (found,) = [
        c for c in client.get(path, **bearer(world.convenor)).json() if c["id"] == tanaka.id
    ]
    assert found["other_names"] == ["田中博"]
    assert (found["record_visible"], found["organisation"]) == (False, None)
    people = Person.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = send(
            client,
            world.convenor,
            "POST",
            f"/api/meetings/{world.alpha.id}/invitations",
            {"person": tanaka.id},
        )
    assert response.status_code == 201
    assert response.json()["email"] == "(on file in the registry)"  # not theirs to see yet
    assert Person.objects.count() == people
    assert Participation.objects.get(person=tanaka).status == "invited"
    pending = client.get(f"/api/meetings/{world.alpha.id}/invitations", **bearer(world.convenor))
    assert "ht@ima.example" not in pending.content.decode()
    assert client.get(path, **bearer(world.alice)).status_code == 403


def test_a_new_person_of_a_known_name_is_409_until_new_person(client, world, tanaka):
    path = f"/api/meetings/{world.alpha.id}/invitations"
    body = {"name": "Tanaka Hiroshi", "email": "other@example.org", "organisation": "IMA"}
    before = Person.objects.count()
    response = send(client, world.convenor, "POST", path, body)
    assert response.status_code == 409
    assert response.json()["code"] == "possible_duplicate"
    assert str(tanaka.id) in response.json()["detail"]
    assert Person.objects.count() == before
    response = send(client, world.convenor, "POST", path, {**body, "new_person": True})
    assert response.status_code == 201
    created = Person.objects.get(email="other@example.org")
    assert created.affiliations.get().organisation.acronym == "IMA"


def test_registry_export_holds_the_convenors_people_and_round_trips(client, world, tanaka):
    Breach.objects.create(
        series=world.series, person=world.bob.person, what="Leaked.", occurred=date(2025, 1, 1)
    )
    response = client.get("/api/registry", **bearer(world.convenor))
    assert response.status_code == 200
    data = response.json()
    names = {p["name"] for p in data["people"]}
    assert names == {"Alice Tanaka", "Bob Nguyen", "Carol Park"}  # not Tanaka, not Olga
    assert "Leaked." not in response.content.decode()
    before = sorted(Person.objects.values_list("id", "name", "other_names"))
    summary = import_registry(data, "back")
    assert summary.created == {"organisations": 0, "people": 0}
    assert summary.updated == {"organisations": 0, "people": 0}
    assert sorted(Person.objects.values_list("id", "name", "other_names")) == before
    assert client.get("/api/registry", **bearer(world.alice)).status_code == 403


def test_edit_a_record_and_an_organisation_over_the_api(client, world):
    bob = world.bob.person
    response = send(
        client,
        world.convenor,
        "PATCH",
        f"/api/people/{bob.id}/record",
        {
            "published_names": ["B. Nguyen"],
            "former_roles": [{"role": "Consul", "end": "2020-01-01"}],
        },
    )
    assert response.status_code == 200, response.content
    bob.refresh_from_db()
    assert bob.published_names == ["B. Nguyen"]
    assert bob.former_roles == [{"role": "Consul", "start": None, "end": "2020-01-01"}]
    assert bob.name == "Bob Nguyen"  # what the patch did not name stays
    bad = send(client, world.convenor, "PATCH", f"/api/people/{bob.id}/record", {"sector": "x"})
    assert bad.status_code == 422 and "Nothing was changed" in bad.json()["detail"]
    mofa = Organisation.objects.get(name="Ministry of Foreign Affairs")
    path = f"/api/organisations/{mofa.id}"
    response = send(client, world.convenor, "PATCH", path, {"other_names": ["Bộ Ngoại giao"]})
    assert response.json()["other_names"] == ["Bộ Ngoại giao"]
    assert send(client, world.alice, "PATCH", path, {"acronym": "X"}).status_code == 404
    mofa.refresh_from_db()
    assert mofa.acronym == ""


def test_merge_over_the_api(client, world):
    uni = world.alice.person.affiliations.get().organisation
    dup = f.person("Alice Tanaka", (uni, "employment"))
    f.attend(world.beta, dup)
    alice = world.alice.person
    listed = client.get(f"/api/people/{alice.id}/duplicates", **bearer(world.convenor)).json()
    assert [d["id"] for d in listed] == [dup.id]
    path = f"/api/people/{alice.id}/merge"
    refused = send(client, world.convenor, "POST", path, {"merged": world.carol.person.id})
    assert refused.status_code == 409 and "login" in refused.json()["detail"]
    response = send(client, world.convenor, "POST", path, {"merged": dup.id})
    assert response.status_code == 200
    assert response.json()["moved"]["participations"] == 1
    assert Merge.objects.count() == 1
    assert send(client, world.convenor, "POST", path, {"merged": 99999}).status_code == 404


def test_breaches_over_the_api_are_404_to_all_but_the_series_convenors(client, world):
    path = f"/api/series/{world.series.id}/breaches"
    body = {"person": world.bob.person.id, "what": "Named a participant.", "occurred": "2025-09-02"}
    for user in (world.alice, world.bob, world.outsider):
        assert client.get(path, **bearer(user)).status_code == 404
        assert send(client, user, "POST", path, body).status_code == 404
    assert Breach.objects.count() == 0
    assert send(client, world.convenor, "POST", path, body).status_code == 201
    stranger = {**body, "person": world.outsider.person.id}
    assert send(client, world.convenor, "POST", path, stranger).status_code == 422
    (row,) = client.get(path, **bearer(world.convenor)).json()
    assert row["what"] == "Named a participant."


def test_delegation_targets_and_the_room_over_the_api(client, world):
    Organisation.objects.filter(name="Ministry of Foreign Affairs").update(
        portfolio="foreign_affairs"
    )
    path = f"/api/series/{world.series.id}/delegation"
    targets = [
        {"category": "foreign", "count": 1},
        {"country": "VN", "category": "foreign", "count": 2},
    ]
    assert send(client, world.convenor, "PUT", path, targets).status_code == 200
    assert DelegationTarget.objects.count() == 2
    repeated = send(client, world.convenor, "PUT", path, [targets[0], targets[0]])
    assert repeated.status_code == 422 and DelegationTarget.objects.count() == 2
    room = client.get(f"/api/meetings/{world.beta.id}/room", **bearer(world.convenor)).json()
    (vn,) = [d for d in room["delegations"] if d["country"] == "VN"]
    (foreign,) = [line for line in vn["lines"] if line["category"] == "foreign"]
    assert (foreign["target"], foreign["have"], foreign["gap"]) == (2, 1, 1)  # Bob at MOFA
    assert send(client, world.alice, "PUT", path, []).status_code == 403
    assert DelegationTarget.objects.count() == 2


def test_same_faces_over_the_api(client, world):
    f.attend(world.beta, world.alice.person)
    body = client.get(f"/api/series/{world.series.id}/same-faces", **bearer(world.convenor)).json()
    assert [(m["meeting"], m["returning"]) for m in body["meetings"]] == [
        ("Alpha Meeting", 0),
        ("Beta Meeting", 1),
    ]
