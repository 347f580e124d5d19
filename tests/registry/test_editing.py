"""Convenors edit the records of people asked to their meetings, and merge duplicates."""

import pytest
from django.urls import reverse

from secondtrack.dialogues.models import Participation, Session
from secondtrack.registry.models import Merge, Organisation, Person
from tests import factories as f


@pytest.fixture
def world(db):
    w = f.World.build()
    Session.objects.update(status=Session.Status.CLOSED)
    return w


def test_a_convenor_edits_the_richer_record(client, world):
    client.force_login(world.convenor)
    bob = world.bob.person
    url = reverse("edit_person", args=[bob.id])
    response = client.post(
        url,
        {
            "name": "Bob Nguyen",
            "other_names": "Nguyễn Văn Bảo\n阮文宝\n",
            "published_names": "B. V. Nguyen",
            "sector": "ministry",
            "former_roles": "Ambassador to Mongolia | 2015-01-01 | 2019-06-30\nColonel",
            "titles": "",
        },
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.other_names == ["Nguyễn Văn Bảo", "阮文宝"]
    assert bob.former_roles == [
        {"role": "Ambassador to Mongolia", "start": "2015-01-01", "end": "2019-06-30"},
        {"role": "Colonel", "start": None, "end": None},
    ]
    page = client.get(reverse("person", args=[bob.id])).content.decode()
    assert "Publishes as: B. V. Nguyen" in page and "Ambassador to Mongolia" in page
    form = client.get(url).content.decode()
    assert "Ambassador to Mongolia | 2015-01-01 | 2019-06-30" in form  # round-trips


def test_a_bad_former_role_line_says_which_and_saves_nothing(client, world):
    client.force_login(world.convenor)
    bob = world.bob.person
    response = client.post(
        reverse("edit_person", args=[bob.id]),
        {"name": "Renamed", "former_roles": "Colonel | 2020 | "},
    )
    assert "Line 1: 2020 is not a date written as YYYY-MM-DD." in response.content.decode()
    bob.refresh_from_db()
    assert bob.name == "Bob Nguyen"


def test_only_convenors_of_a_meeting_they_belong_to_edit_a_record(client, world):
    for user in (world.alice, world.outsider):
        client.force_login(user)
        assert client.get(reverse("edit_person", args=[world.bob.person.id])).status_code == 404
    client.force_login(world.convenor)
    assert client.get(reverse("edit_person", args=[world.outsider.person.id])).status_code == 404
    # An open invitation reveals nothing of an existing record (issue 12, item 10).
    f.attend(world.alpha, world.outsider.person, status="invited")
    assert client.get(reverse("edit_person", args=[world.outsider.person.id])).status_code == 404
    assert client.get(reverse("person", args=[world.outsider.person.id])).status_code == 404


def test_organisation_other_names_are_edited_by_a_convenor_who_sees_a_member(client, world):
    mofa = Organisation.objects.get(name="Ministry of Foreign Affairs")
    url = reverse("edit_organisation", args=[mofa.id])
    client.force_login(world.alice)
    assert client.get(url).status_code == 404
    client.force_login(world.convenor)
    data = {
        "name": mofa.name,
        "acronym": "MOFA",
        "other_names": "Bộ Ngoại giao\n外交部",
        "country": "VN",
        "kind": "ministry",
        "portfolio": "foreign_affairs",
        "mandate": "government_body",
        "government_funding": "1",
    }
    assert client.post(url, data).status_code == 302
    mofa.refresh_from_db()
    assert mofa.other_names == ["Bộ Ngoại giao", "外交部"]
    lonely = f.organisation("Nobody's Institute")
    assert client.get(reverse("edit_organisation", args=[lonely.id])).status_code == 404


def test_merge_from_the_page_lists_look_alikes_and_records_the_merge(client, world):
    uni = world.alice.person.affiliations.get().organisation
    dup = f.person("TANAKA Alice", (uni, "employment"))
    f.attend(world.beta, dup, status="accepted")
    client.force_login(world.convenor)
    alice = world.alice.person
    page = client.get(reverse("edit_person", args=[alice.id])).content.decode()
    assert "TANAKA Alice" in page and "an affiliation in common" in page
    response = client.post(reverse("merge_person", args=[alice.id]), {"merged": dup.id})
    assert response.status_code == 302
    assert not Person.objects.filter(id=dup.id).exists()
    assert Participation.objects.filter(person=alice, meeting=world.beta).exists()
    assert Person.objects.filter(id=world.alice.person.id).exists()
    page = client.get(reverse("edit_person", args=[alice.id])).content.decode()
    assert 'id="merges"' in page and "TANAKA Alice" in page


def test_merging_a_record_the_convenor_cannot_see_is_404_and_changes_nothing(client, world):
    client.force_login(world.convenor)
    before = (Person.objects.count(), Merge.objects.count())
    response = client.post(
        reverse("merge_person", args=[world.alice.person.id]),
        {"merged": world.outsider.person.id},
    )
    assert response.status_code == 404
    assert (Person.objects.count(), Merge.objects.count()) == before


def test_merge_asks_to_confirm_it_is_you_after_a_while(client, world, settings):
    client.force_login(world.convenor)
    session = client.session
    session["secondtrack_authenticated_at"] = 0
    session.save()
    dup = f.person("Alice Tanaka")
    f.attend(world.beta, dup, status="accepted")
    response = client.post(
        reverse("merge_person", args=[world.alice.person.id]), {"merged": dup.id}
    )
    assert response.status_code == 302 and reverse("reauth") in response.url
    assert Person.objects.filter(id=dup.id).exists()
