"""The live channel of a balloon: members learn that the map changed, nothing more."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.http import Http404

from secondtrack.balloons.live import group_name
from secondtrack.balloons.selectors import balloon_access
from secondtrack.record.consumers import LiveAccess


@database_sync_to_async
def _refusal(user, balloon_id: str) -> int | None:
    try:
        balloon_access(user, balloon_id)
    except Http404:
        return 4404
    return None


class BalloonConsumer(LiveAccess):
    async def connect(self) -> None:
        self.balloon_id = self.scope["url_route"]["kwargs"]["balloon_id"]
        if await self.refusal() is not None:
            await self.close(code=4404)
            return
        await self.join(group_name(self.balloon_id))
        await self.accept()

    async def refusal(self) -> int | None:
        return await _refusal(self.scope["user"], self.balloon_id)

    async def disconnect(self, code: int) -> None:
        await self.leave()
