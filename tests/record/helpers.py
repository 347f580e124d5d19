"""Shared steps for record tests: tokens, posting through the API, reading the record."""

from __future__ import annotations

from tests.factories import PASSWORD


def bearer(client, user) -> dict:
    response = client.post(
        "/api/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    return {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}


def post(client, auth, session_id, text, **extra):
    return client.post(
        f"/api/sessions/{session_id}/contributions",
        {"text": text, **extra},
        content_type="application/json",
        **auth,
    )


def listing(client, auth, session_id):
    response = client.get(f"/api/sessions/{session_id}/contributions", **auth)
    assert response.status_code == 200
    return response.json()


def close(client, auth, session_id, **extra):
    return client.post(
        f"/api/sessions/{session_id}/close",
        {"confirm": True, **extra},
        content_type="application/json",
        **auth,
    )
