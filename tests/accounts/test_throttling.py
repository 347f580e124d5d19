"""Repeated failed sign-ins are throttled per account and per address, with a sentence
saying when to try again; an unknown e-mail and a wrong password are answered alike."""

import pytest

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def token_attempt(client, email, password, address="203.0.113.7"):
    return client.post(
        "/api/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_after_five_wrong_passwords_the_right_one_is_refused_for_a_while(client, world):
    answers = [
        token_attempt(client, world.alice.email, "wrong guess").status_code for _ in range(5)
    ]
    assert answers == [401, 401, 401, 401, 429]  # the fifth failure starts the pause
    refused = token_attempt(client, world.alice.email, PASSWORD)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert "try again in 15 minutes" in refused.json()["detail"]
    assert refused["Retry-After"] == "900"


def test_the_account_is_throttled_from_another_address_too(client, world):
    for i in range(5):
        token_attempt(client, world.alice.email, "wrong guess", address=f"198.51.100.{i}")
    assert token_attempt(client, world.alice.email, PASSWORD, "192.0.2.1").status_code == 429


def test_one_address_guessing_many_accounts_is_throttled(client, world):
    for i in range(5):
        token_attempt(client, f"nobody{i}@example.org", "guess")
    assert token_attempt(client, world.bob.email, PASSWORD).status_code == 429
    assert token_attempt(client, world.bob.email, PASSWORD, "192.0.2.9").status_code == 200


def test_unknown_email_and_wrong_password_get_the_same_answer(client, world):
    unknown = token_attempt(client, "nobody@example.org", "guess", "192.0.2.20")
    wrong = token_attempt(client, world.alice.email, "guess", "192.0.2.21")
    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())


def test_the_sign_in_page_says_when_to_try_again(client, world):
    for _ in range(5):
        client.post("/login/", {"username": world.alice.email, "password": "wrong"})
    page = client.post("/login/", {"username": world.alice.email, "password": PASSWORD})
    assert page.status_code == 429
    assert "try again in 15 minutes" in page.content.decode()
    assert "_auth_user_id" not in client.session
