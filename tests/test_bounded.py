"""At most SECONDTRACK_MAX_CONCURRENT_REQUESTS requests are inside Django at once per
process; the others wait their turn instead of failing for want of a connection."""

import asyncio
import threading

from django.conf import settings

from secondtrack.bounded import Bounded


def test_requests_beyond_the_bound_wait_and_all_are_answered():
    inside = 0
    most = 0
    answered = []

    async def app(scope, receive, send):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1
        answered.append(scope["n"])

    bounded = Bounded(app, 3)

    async def main():
        await asyncio.gather(*(bounded({"n": n}, None, None) for n in range(20)))

    # In a thread of its own: a browser test earlier in the run may leave playwright's
    # event loop running in this one.
    runner = threading.Thread(target=asyncio.run, args=(main(),))
    runner.start()
    runner.join()
    assert most == 3
    assert sorted(answered) == list(range(20))


def test_the_server_is_bounded_by_default():
    from secondtrack.asgi import application

    http = application.application_mapping["http"]
    assert isinstance(http, Bounded)
    assert http.limit == settings.SECONDTRACK_MAX_CONCURRENT_REQUESTS == 8  # SQLite default
