"""Inviting from the registry: search by any name form, pick or create, and see the room
(with open invitations) against the delegation targets; breaches show to convenors only."""

from datetime import date

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from secondtrack.dialogues.models import DelegationTarget, Participation, Series, SeriesRole
from secondtrack.registry.models import Affiliation, Breach, Organisation, Person
from tests import factories as f


@pytest.fixture
def world(db):
    return f.World.build()


@pytest.fixture
def tanaka(db):
    ima = f.organisation("Institute of Maritime Affairs", kind="think_tank", acronym="IMA")
    return f.person(
        "Hiroshi Tanaka", (ima, "employment"), other_names=["田中博"], email="ht@ima.example"
    )


def page(client, world, q=""):
    client.force_login(world.convenor)
    url = reverse("invite", args=[world.alpha.id])
    return client.get(url, {"q": q} if q else {}).content.decode()


@pytest.mark.parametrize("q", ["Tanaka Hiroshi", "Tanaka", "tanaka", "田中", "hiro tan", "JP"])
def test_search_finds_a_person_by_any_form_of_their_name(client, world, tanaka, q):
    assert f'id="candidate-{tanaka.id}"' in page(client, world, q)


def test_search_ignores_diacritics(client, world):
    an = f.person("Nguyễn Văn An", countries=["VN"])
    assert f'id="candidate-{an.id}"' in page(client, world, "nguyen van an")
    assert f'id="candidate-{an.id}"' not in page(client, world, "nguyen van bao")


def test_what_someone_does_shows_only_for_people_in_the_convenors_series(client, world, tanaka):
    html = page(client, world, "Tanaka")
    assert "Institute of Maritime Affairs" not in html  # not in this series: no record
    assert "their record opens to you once they accept" in html
    assert f'id="candidate-{tanaka.id}"' not in page(client, world, "Maritime Affairs")
    html = page(client, world, "Alice")
    assert "Keiyo University" in html  # Alice attends alpha
    assert f'id="candidate-{world.alice.person.id}"' in page(client, world, "Keiyo")


def test_picking_a_registry_person_invites_them_without_a_new_entry(client, world, tanaka):
    client.force_login(world.convenor)
    people = Person.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("invite", args=[world.alpha.id]),
            {"action": "pick", "person": tanaka.id, "capacity": "private", "role": "participant"},
        )
    assert response.status_code == 302
    assert Person.objects.count() == people
    assert Participation.objects.get(person=tanaka).status == "invited"
    assert mail.outbox[-1].to == ["ht@ima.example"]


def new_person(client, world, **extra):
    client.force_login(world.convenor)
    data = {
        "action": "new",
        "name": "Hiroshi Tanaka",
        "email": "hiroshi@elsewhere.example",
        "capacity": "private",
        "role": "participant",
        "country": "jp",
        "organisation": "IMA",
        "organisation_kind": "think_tank",
        "job_title": "Fellow",
        **extra,
    }
    return client.post(reverse("invite", args=[world.alpha.id]), data)


def test_a_new_person_of_a_name_the_registry_holds_needs_a_confirmation(client, world, tanaka):
    before = (Person.objects.count(), Participation.objects.count(), Affiliation.objects.count())
    response = new_person(client, world)
    assert response.status_code == 200
    assert "The registry already has people of this name" in response.content.decode()
    assert (
        Person.objects.count(),
        Participation.objects.count(),
        Affiliation.objects.count(),
    ) == before
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert new_person(client, world, none_match="on").status_code == 302
    created = Person.objects.get(email="hiroshi@elsewhere.example")
    assert created.countries == ["JP"]
    (affiliation,) = created.affiliations.all()
    assert affiliation.organisation == Organisation.objects.get(acronym="IMA")  # reused
    assert affiliation.role == "Fellow"


def test_the_new_person_form_appears_only_after_a_search(client, world):
    assert 'name="action" value="new"' not in page(client, world)
    assert 'name="action" value="new"' in page(client, world, "Zed Nobody")
    assert 'id="no-match"' in page(client, world, "Zed Nobody")


def test_the_room_counts_open_invitations(client, world, tanaka):
    f.attend(world.alpha, tanaka, status="invited")
    html = page(client, world)
    assert "1 invitation is still open." in html
    room = html.split('id="room-country"')[1].split("</table>")[0]
    assert '<td>JP</td><td class="num">2</td>' in room  # Alice and the invited Tanaka


def test_delegation_gaps_and_surpluses_per_country(client, world):
    mod = f.organisation("Ministry of Defense", kind="ministry", portfolio="defence")
    jsdf = f.organisation("Self-Defense Forces", kind="armed_forces")
    f.attend(world.alpha, f.person("A. Officer", (jsdf, "employment")), status="invited")
    f.attend(world.alpha, f.person("B. Official", (mod, "employment")), status="accepted")
    for category, count in [("uniformed", 1), ("defence", 1), ("foreign", 1), ("expert", 2)]:
        DelegationTarget.objects.create(series=world.series, category=category, count=count)
    DelegationTarget.objects.create(series=world.series, country="KR", category="expert", count=1)
    html = page(client, world)
    jp = html.split('id="delegation-JP"')[1].split("</table>")[0]
    assert "2 seats short" in jp  # no foreign-ministry official, one expert of two
    assert '<td>uniformed officer</td><td class="num">1</td><td class="num">1</td><td>met' in jp
    kr = html.split('id="delegation-KR"')[1].split("</table>")[0]
    assert '<td>expert</td><td class="num">1</td><td class="num">1</td><td>met' in kr


def test_delegation_targets_are_set_by_convenors(client, world):
    client.force_login(world.convenor)
    url = reverse("delegation_targets", args=[world.series.id])
    client.post(url, {"action": "set", "country": "", "category": "foreign", "count": 1})
    client.post(url, {"action": "set", "country": "", "category": "foreign", "count": 2})
    assert list(DelegationTarget.objects.values_list("category", "count")) == [("foreign", 2)]
    response = client.post(url, {"action": "set", "country": "Japan", "category": "x", "count": 1})
    assert "Write the country as two letters" in response.content.decode()
    assert DelegationTarget.objects.count() == 1
    client.force_login(world.alice)
    assert client.post(url, {"action": "set", "category": "expert", "count": 5}).status_code == 403
    assert DelegationTarget.objects.count() == 1


def test_a_breach_shows_when_the_person_is_found_again_by_the_series_convenor(client, world):
    Breach.objects.create(
        series=world.series,
        person=world.bob.person,
        what="Named a participant to the press.",
        occurred=date(2025, 9, 2),
    )
    assert "Named a participant to the press." in page(client, world, "Bob Nguyen")
    other = Series.objects.create(title="Other")
    other_meeting = f.meeting(other, "Other meeting")
    stranger = f.user_for(None, "other-convenor@example.org")
    SeriesRole.objects.create(series=other, user=stranger, role="convenor")
    client.force_login(stranger)
    html = client.get(reverse("invite", args=[other_meeting.id]), {"q": "Bob"}).content.decode()
    assert f'id="candidate-{world.bob.person.id}"' in html
    assert "Named a participant to the press." not in html


def test_the_breach_log_is_404_to_everyone_but_the_series_convenors(client, world):
    url = reverse("breach_log", args=[world.series.id])
    stranger = f.user_for(None, "other-convenor@example.org")
    SeriesRole.objects.create(
        series=Series.objects.create(title="Other"), user=stranger, role="convenor"
    )
    data = {"person": world.bob.person.id, "what": "Leaked.", "occurred": "2025-09-02"}
    for user in (world.alice, world.bob, stranger, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    assert Breach.objects.count() == 0
    client.force_login(world.convenor)
    assert client.post(url, data).status_code == 302
    assert "Leaked." in client.get(url).content.decode()
    future = {**data, "occurred": "2999-01-01"}
    assert "not a future date" in client.post(url, future).content.decode()
    outsider = {**data, "person": world.outsider.person.id}
    assert "Select a valid choice" in client.post(url, outsider).content.decode()
    assert Breach.objects.count() == 1


def test_breaches_are_never_exported_with_the_registry(world):
    from secondtrack.registry.export import export_registry

    Breach.objects.create(
        series=world.series, person=world.bob.person, what="Leaked.", occurred=date(2025, 1, 1)
    )
    assert "Leaked." not in str(export_registry(Person.objects.all()))


def test_same_faces_page_for_convenors_exact_and_analysts_coarsened(client, world):
    gamma = f.meeting(world.series, "Gamma Meeting", starts=date(2026, 3, 1))
    for p in (world.alice.person, world.carol.person, world.bob.person):
        f.attend(gamma, p)
    f.attend(gamma, f.person("Newcomer One"))
    url = reverse("same_faces", args=[world.series.id])
    client.force_login(world.convenor)
    html = client.get(url).content.decode()
    row = html.split("<td>Gamma Meeting</td>")[1].split("</tr>")[0]
    assert '<td class="num">4</td><td class="num">3</td><td class="num">75%</td>' in row
    analyst = f.user_for(None, "analyst@example.org")
    SeriesRole.objects.create(series=world.series, user=analyst, role="analyst")
    client.force_login(analyst)
    html = client.get(url).content.decode()
    row = html.split("<td>Gamma Meeting</td>")[1].split("</tr>")[0]
    assert "75%" not in row and "not shown" in row  # one newcomer would be identifiable
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_the_series_page_links_the_breach_log_for_convenors_only(client, world):
    url = reverse("series", args=[world.series.id])
    client.force_login(world.convenor)
    html = client.get(url).content.decode()
    assert 'id="breach-log"' in html and reverse("same_faces", args=[world.series.id]) in html
    client.force_login(world.alice)
    html = client.get(url).content.decode()
    assert (
        'id="breach-log"' not in html and reverse("same_faces", args=[world.series.id]) not in html
    )
