"""API tokens can be revoked, one or all, and die with the password they were issued under."""

from secondtrack.accounts.models import ApiToken
from tests.factories import PASSWORD


def token(client, user, password=PASSWORD):
    response = client.post(
        "/api/auth/token",
        {"email": user.email, "password": password},
        content_type="application/json",
    )
    return {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}


def test_a_revoked_token_no_longer_works_and_others_still_do(client, world):
    first, second = token(client, world.alice), token(client, world.alice)
    assert client.delete("/api/auth/token", **first).status_code == 200
    assert client.get("/api/meetings", **first).status_code == 401
    assert client.get("/api/meetings", **second).status_code == 200


def test_it_revokes_every_token_of_the_account_on_request(client, world):
    first, second = token(client, world.alice), token(client, world.alice)
    bob = token(client, world.bob)
    assert client.delete("/api/auth/token?everywhere=true", **first).status_code == 200
    assert client.get("/api/meetings", **second).status_code == 401
    assert client.get("/api/meetings", **bob).status_code == 200


def test_changing_the_password_revokes_every_token(client, world):
    old = token(client, world.alice)
    world.alice.set_password("a brand new passphrase")
    world.alice.save()
    assert client.get("/api/meetings", **old).status_code == 401
    assert not ApiToken.objects.filter(user=world.alice).exists()
    fresh = token(client, world.alice, "a brand new passphrase")
    assert client.get("/api/meetings", **fresh).status_code == 200


def test_it_rejects_revoking_without_a_token(client, world):
    response = client.delete("/api/auth/token")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
