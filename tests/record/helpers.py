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


def websocket_communicator():
    """channels' WebsocketCommunicator. The package channels.testing imports daphne for its
    live-server test case, which this project does not use (uvicorn serves), so load the
    communicator's two modules without the package's __init__."""
    import importlib.util
    import sys
    import types
    from pathlib import Path

    import channels

    if "channels.testing.websocket" not in sys.modules:
        folder = Path(channels.__file__).parent / "testing"
        package = sys.modules.setdefault("channels.testing", types.ModuleType("channels.testing"))
        package.__path__ = [str(folder)]
        for name in ("application", "websocket"):
            spec = importlib.util.spec_from_file_location(
                f"channels.testing.{name}", folder / f"{name}.py"
            )
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
    return sys.modules["channels.testing.websocket"].WebsocketCommunicator
