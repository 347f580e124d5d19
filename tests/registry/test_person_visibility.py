"""A registry entry opens to the person and to convenors of a meeting they belong to; an
invitation from another series' convenor reveals nothing."""

from django.core import mail
from django.test import TestCase

from secondtrack.dialogues import services
from secondtrack.dialogues.models import Series, SeriesRole
from tests.factories import PASSWORD, meeting, user_for


def person_page(client, user, person_id):
    assert client.login(username=user.email, password=PASSWORD)
    return client.get(f"/people/{person_id}/")


def test_a_convenor_reads_the_entry_of_a_member_of_their_series(client, world):
    assert person_page(client, world.convenor, world.alice.person_id).status_code == 200


def test_a_person_reads_their_own_entry_and_nobody_elses(client, world):
    assert person_page(client, world.alice, world.alice.person_id).status_code == 200
    assert person_page(client, world.alice, world.bob.person_id).status_code == 404


def test_inviting_someone_elses_address_reveals_nothing_of_their_entry(client, world):
    alice = world.alice.person
    alice.email = "alice@example.org"
    alice.save()
    other = Series.objects.create(title="Another dialogue")
    stranger = user_for(None, "stranger@example.org")
    SeriesRole.objects.create(series=other, user=stranger, role="convenor")
    with TestCase.captureOnCommitCallbacks(execute=True):  # mailed once the invitation commits
        services.invite_participant(
            meeting=meeting(other, "Fishing expedition"),
            invited_by=stranger,
            email="alice@example.org",
            name="Whoever",
            base_url="http://testserver",
        )
    assert len(mail.outbox) == 1  # the invitation went out, to the registry's Alice...
    assert alice.participations.filter(meeting__series=other).exists()
    page = person_page(client, stranger, world.alice.person_id)
    assert page.status_code == 404  # ...but the inviter learns nothing of the registry
    assert "Alice Tanaka" not in page.content.decode()
