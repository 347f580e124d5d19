from secondtrack.dialogues.models import Participation
from tests.api.helpers import call, member_with_role


def choose(client, world, user, listing, meeting=None):
    path = f"/api/meetings/{(meeting or world.alpha).id}/me/listing"
    return call(client, "put", path, user, {"listing": listing})


def test_a_member_chooses_to_be_unlisted(client, world):
    response = choose(client, world, world.alice, "unlisted")
    assert response.status_code == 200
    assert response.json() == {"listing": "unlisted", "shown_to_members": False}
    assert Participation.objects.get(person=world.alice.person).listing == "unlisted"


def test_a_funder_may_choose_too(client, world):
    funder = member_with_role(world.alpha, "funder", "fay@example.org")
    assert choose(client, world, funder, "listed").status_code == 200


def test_it_rejects_non_members_and_convenors(client, world):
    assert choose(client, world, world.bob, "listed").status_code == 404
    response = choose(client, world, world.convenor, "listed")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_it_rejects_unknown_choices_and_changes_nothing(client, world):
    response = choose(client, world, world.alice, "famous")
    assert response.status_code == 422 and "listing" in response.json()["detail"]
    assert Participation.objects.get(person=world.alice.person).listing == "default"
    assert (
        call(
            client, "post", f"/api/meetings/{world.alpha.id}/me/listing", world.alice, {}
        ).status_code
        == 405
    )
