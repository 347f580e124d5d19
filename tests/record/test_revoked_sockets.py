"""A revoked membership closes the person's live sockets at once (sessions and balloons)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from django.core.exceptions import PermissionDenied
from django.urls import path

from secondtrack.balloons.consumers import BalloonConsumer
from secondtrack.balloons.models import Balloon
from secondtrack.dialogues.models import Invitation, Participation
from secondtrack.dialogues.services import revoke_participation
from secondtrack.record import services
from secondtrack.record.consumers import SessionConsumer
from secondtrack.record.selectors import session_access
from tests.record.helpers import websocket_communicator

pytestmark = pytest.mark.django_db(transaction=True)

ROUTES = URLRouter(
    [
        path("ws/sessions/<int:session_id>/", SessionConsumer.as_asgi()),
        path("ws/balloons/<uuid:balloon_id>/", BalloonConsumer.as_asgi()),
    ]
)


async def connected(user, url: str):
    socket = websocket_communicator()(ROUTES, url)
    socket.scope["user"] = user
    accepted, _ = await socket.connect()
    assert accepted
    return socket


def run(scenario):
    """asyncio.run in a thread of its own: playwright may hold this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result(timeout=30)


def participation(user, meeting) -> Participation:
    return Participation.objects.get(person=user.person, meeting=meeting)


def test_a_revoked_member_is_disconnected_at_once_and_hears_nothing_more(world):
    session = world.alpha.sessions.get()
    carol = participation(world.carol, world.alpha)

    async def scenario():
        alice_socket = await connected(world.alice, f"/ws/sessions/{session.id}/")
        carol_socket = await connected(world.carol, f"/ws/sessions/{session.id}/")
        await sync_to_async(revoke_participation)(carol, world.convenor)
        closed = await carol_socket.receive_output(timeout=1)
        assert closed == {"type": "websocket.close", "code": 4404}
        await sync_to_async(services.post)(
            await sync_to_async(session_access)(world.alice, session.id), "After the revocation."
        )
        heard = await alice_socket.receive_json_from(timeout=1)
        assert "After the revocation." in heard["html"]
        assert await carol_socket.receive_nothing(timeout=0.3)
        await alice_socket.disconnect()
        await carol_socket.disconnect()

    run(scenario)
    carol.refresh_from_db()
    assert carol.status == Participation.Status.REVOKED


def test_a_revoked_member_is_disconnected_from_balloons_too(world):
    balloon = Balloon.objects.create(
        series=world.series, meeting=world.alpha, title="Hotline", floated_on=date(2025, 3, 1)
    )
    carol = participation(world.carol, world.alpha)

    async def scenario():
        socket = await connected(world.carol, f"/ws/balloons/{balloon.id}/")
        await sync_to_async(revoke_participation)(carol, world.convenor)
        assert await socket.receive_output(timeout=1) == {"type": "websocket.close", "code": 4404}
        await socket.disconnect()

    run(scenario)


def test_other_members_sockets_stay_open(world):
    session = world.alpha.sessions.get()
    carol = participation(world.carol, world.alpha)

    async def scenario():
        alice_socket = await connected(world.alice, f"/ws/sessions/{session.id}/")
        await sync_to_async(revoke_participation)(carol, world.convenor)
        assert await alice_socket.receive_nothing(timeout=0.3)
        await alice_socket.disconnect()

    run(scenario)


def test_revoking_expires_unused_invitations(world):
    carol = participation(world.carol, world.alpha)
    invitation = Invitation.objects.create(
        participation=carol,
        email=world.carol.email,
        token_hash="x" * 64,
        expires=datetime(2099, 1, 1, tzinfo=UTC),
        invited_by=world.convenor,
    )
    revoke_participation(carol, world.convenor)
    invitation.refresh_from_db()
    assert invitation.expires.year < 2099


def test_only_a_convenor_revokes(world):
    with pytest.raises(PermissionDenied):
        revoke_participation(participation(world.carol, world.alpha), world.alice)
    assert participation(world.carol, world.alpha).is_member
