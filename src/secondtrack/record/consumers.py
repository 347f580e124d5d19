"""The live channel of a session: members only, the same 404-like refusal for everyone else.

Each socket also listens on its person's own group: when their membership is revoked, it
asks the selectors again and closes at once (4404 gone, 4403 no longer allowed to read).
In small non-attributed rooms it ticks, releasing a shuffled batch when one is due.
"""

from __future__ import annotations

import asyncio
import contextlib

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404

from secondtrack.core import policy
from secondtrack.dialogues.models import Session
from secondtrack.record import batches
from secondtrack.record.live import group_name, person_group
from secondtrack.record.selectors import session_access


@database_sync_to_async
def refusal(user, session_id: int) -> int | None:
    """None while the user may listen; otherwise the close code to send."""
    try:
        session_access(user, session_id)
    except Http404:
        return 4404
    except PermissionDenied:
        return 4403
    return None


@database_sync_to_async
def _ticks(session_id: int) -> bool:
    session = Session.objects.filter(id=session_id).first()
    return session is not None and policy.rule(session.rule).batch_release_below > 0


class LiveAccess(AsyncJsonWebsocketConsumer):
    """A socket in some groups, closed for good the moment its person loses access."""

    groups_joined: list[str]
    refused = False

    async def refusal(self) -> int | None:
        raise NotImplementedError

    async def join(self, *groups: str) -> None:
        self.groups_joined = list(groups)
        user = self.scope["user"]
        if getattr(user, "person_id", None) is not None:
            self.groups_joined.append(person_group(user.person_id))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)

    async def leave(self) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []

    async def access_recheck(self, message: dict) -> None:
        code = await self.refusal()
        if code is not None:
            self.refused = True
            await self.leave()
            await self.close(code=code)

    async def record_event(self, message: dict) -> None:
        if not self.refused:
            await self.send_json(message["payload"])


class SessionConsumer(LiveAccess):
    async def connect(self) -> None:
        self.ticker = None
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        code = await self.refusal()
        if code is not None:
            await self.close(code=code)
            return
        await self.join(group_name(self.session_id))
        await self.accept()
        if await _ticks(self.session_id):
            self.ticker = asyncio.ensure_future(self.tick())

    async def refusal(self) -> int | None:
        return await refusal(self.scope["user"], self.session_id)

    async def tick(self) -> None:
        """Release a batch that became due by time alone, with no one posting or reading."""
        release = database_sync_to_async(batches.release_due_by_id)
        while not self.refused:
            await asyncio.sleep(settings.SECONDTRACK_BATCH_TICK_SECONDS)
            with contextlib.suppress(DatabaseError):  # busy now: the next tick tries again
                await release(self.session_id)

    async def disconnect(self, code: int) -> None:
        if self.ticker is not None:
            self.ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.ticker
        await self.leave()

    async def receive_json(self, content, **kwargs) -> None:
        """Listeners only listen: posting goes through the HTTP endpoints, which check input."""
