"""Bad input over the API is a JSON error with a sentence: never HTML, never a 500."""

import pytest

from secondtrack.balloons.models import Balloon
from tests.api.helpers import auth


@pytest.fixture
def path(world):
    return f"/api/meetings/{world.alpha.id}/balloons"


def send(client, world, path, raw, **extra):
    return client.post(path, raw, content_type="application/json", **auth(world.alice), **extra)


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        ('{"text": ', 400, "not valid JSON"),
        ('{"text": "\\ud800"}', 422, "lone surrogate"),
        ('{"text": "a\\u0000b"}', 422, "NUL"),
        ('{"text": 12}', 422, "'text'"),
        ("[1, 2]", 422, "Check the field"),
        (b"\xff\xfe", 400, "not valid JSON"),
    ],
)
def test_it_rejects_bad_bodies_with_a_sentence_and_changes_nothing(
    client, world, path, raw, status, words
):
    response = send(client, world, path, raw)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"] and response.json()["code"]
    assert not Balloon.objects.exists()


def test_it_rejects_oversized_bodies_with_413(client, world, path, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = send(client, world, path, '{"text": "' + "x" * 2000 + '"}')
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    assert not Balloon.objects.exists()


def test_unknown_api_paths_answer_json(client, world):
    response = client.get("/api/nowhere", **auth(world.alice))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_missing_token_answers_the_error_shape(client, world):
    response = client.get("/api/meetings")
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
