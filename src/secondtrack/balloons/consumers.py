"""The live channel of a balloon: members learn that the map changed, nothing more."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404

from secondtrack.balloons.live import group_name
from secondtrack.balloons.selectors import balloon_access


@database_sync_to_async
def _may_listen(user, balloon_id: str) -> bool:
    try:
        balloon_access(user, balloon_id)
    except Http404:
        return False
    return True


class BalloonConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.group = None
        balloon_id = self.scope["url_route"]["kwargs"]["balloon_id"]
        if not await _may_listen(self.scope["user"], balloon_id):
            await self.close(code=4404)
            return
        self.group = group_name(balloon_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def record_event(self, message: dict) -> None:
        await self.send_json(message["payload"])
