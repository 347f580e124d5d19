"""The live channel of a session: members only, the same 404-like refusal for everyone else."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404

from secondtrack.record.live import group_name
from secondtrack.record.selectors import session_access


@database_sync_to_async
def _may_listen(user, session_id: int) -> bool:
    try:
        session_access(user, session_id)
    except Http404:
        return False
    return True


class SessionConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.group = None
        session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        if not await _may_listen(self.scope["user"], session_id):
            await self.close(code=4404)
            return
        self.group = group_name(session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        """Listeners only listen: posting goes through the HTTP endpoints, which check input."""

    async def record_event(self, message: dict) -> None:
        await self.send_json(message["payload"])
