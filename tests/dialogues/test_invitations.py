import re
from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from secondtrack.accounts.models import User
from secondtrack.dialogues.models import Invitation, Participation
from tests.factories import PASSWORD


def invite(client, world, email="dana@example.org"):
    assert client.login(username=world.convenor.email, password=PASSWORD)
    with TestCase.captureOnCommitCallbacks(execute=True):  # mailed once the invitation commits
        response = client.post(
            reverse("invite", args=[world.alpha.id]),
            {"name": "Dana Lee", "email": email, "capacity": "private", "role": "participant"},
        )
    assert response.status_code == 302
    client.logout()
    link = re.search(r"http://testserver(/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)
    return link


def test_convenor_invites_and_the_invitee_lands_on_the_meeting(client, world):
    link = invite(client, world)
    assert mail.outbox[-1].to == ["dana@example.org"]
    response = client.post(
        link, {"password": "a long pass phrase", "password_again": "a long pass phrase"}
    )
    assert response.status_code == 302
    assert response.url == reverse("meeting", args=[world.alpha.id])
    assert "Alpha Meeting" in client.get(response.url).content.decode()
    assert Participation.objects.get(person__name="Dana Lee").status == "accepted"


def test_invitation_password_is_stored_with_argon2(client, world, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    link = invite(client, world)
    client.post(link, {"password": "a long pass phrase", "password_again": "a long pass phrase"})
    assert User.objects.get(email="dana@example.org").password.startswith("argon2")


def test_an_invitation_link_works_once(client, world):
    link = invite(client, world)
    client.post(link, {"password": "a long pass phrase", "password_again": "a long pass phrase"})
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_an_expired_link_is_refused_and_changes_nothing(client, world):
    link = invite(client, world)
    Invitation.objects.update(expires=timezone.now() - timedelta(minutes=1))
    response = client.post(
        link, {"password": "a long pass phrase", "password_again": "a long pass phrase"}
    )
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()


def test_the_database_holds_only_a_hash_of_the_link(client, world):
    link = invite(client, world)
    token = link.strip("/").split("/")[-1]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_mismatched_passwords_are_explained(client, world):
    link = invite(client, world)
    response = client.post(
        link, {"password": "a long pass phrase", "password_again": "another phrase"}
    )
    assert "The two passwords differ" in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()


def test_a_declined_invitation_gives_no_access(client, world):
    link = invite(client, world)
    client.post(link, {"decline": "1"})
    assert Participation.objects.get(person__name="Dana Lee").status == "declined"
    assert client.get(link).status_code == 410


def test_only_convenors_invite(client, world):
    assert client.login(username=world.alice.email, password=PASSWORD)
    response = client.post(
        reverse("invite", args=[world.alpha.id]),
        {"name": "Eve", "email": "eve@example.org", "capacity": "private", "role": "participant"},
    )
    assert response.status_code == 403  # a member knows the meeting; the policy refuses
    assert mail.outbox == []


def test_there_is_no_open_sign_up(client, db):
    for path in ("/signup/", "/register/", "/accounts/signup/"):
        assert client.get(path).status_code == 404
