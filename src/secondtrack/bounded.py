"""A bounded number of HTTP requests inside Django at once, per server process.

Django runs each request's synchronous code in a thread of its own, holding a database
connection; without a bound, 300 simultaneous requests want 300 connections ("too many
clients already", or a pool that times out). Requests beyond the bound wait their turn in
the event loop, which costs nothing but time, instead of failing.
"""

from __future__ import annotations

import asyncio


class Bounded:
    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = max(1, limit)
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope, receive, send) -> None:
        if self._slots is None:  # made in the server's event loop
            self._slots = asyncio.Semaphore(self.limit)
        async with self._slots:
            await self.app(scope, receive, send)
