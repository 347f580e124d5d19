"""Live updates: every member with the session page open receives each change at once.

Events carry the rendered contribution, the same for every viewer, and never the author.
In a small non-attributed room a contribution's events wait for its batch (batches.py).

Each person's live sockets (sessions and balloons) also listen on a group of their own,
``person.<id>``: when a membership changes, ``recheck_access`` makes every one of them ask
the selectors again and close if access is gone.
"""

from __future__ import annotations

import asyncio
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

from secondtrack.record.storage import read_text


def group_name(session_id: int) -> str:
    return f"session.{session_id}"


def event_payload(session, kind: str, contribution) -> dict:
    payload: dict = {"event": kind, "session": session.id}
    if contribution is not None:
        payload["id"] = str(contribution.id)
        payload["reply_to"] = str(contribution.reply_to_id) if contribution.reply_to_id else None
        payload["html"] = render_to_string(
            "record/_contribution.html",
            {"c": contribution, "text": read_text(contribution, session), "session": session},
        )
    return payload


def person_group(person_id: int) -> str:
    return f"person.{person_id}"


def announce(session, kind: str, contribution) -> None:
    send_to_group(group_name(session.id), event_payload(session, kind, contribution))


def recheck_access(person_id: int) -> None:
    """After commit, every live socket of this person re-checks its access."""
    send_to_group(person_group(person_id), {}, message_type="access.recheck")


def send_to_group(group: str, payload: dict, message_type: str = "record.event") -> None:
    """Send after the transaction commits, so listeners never see what was rolled back."""
    message = {"type": message_type, "payload": payload}

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, message)

    def send_from_any_thread() -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            send()
            return
        # This thread runs an event loop (a test driving a browser, say): send from another.
        worker = threading.Thread(target=send)
        worker.start()
        worker.join()

    # robust: a channel layer that is down (Redis gone) is logged by Django without the
    # payload, and never turns a stored contribution into an error for its author.
    transaction.on_commit(send_from_any_thread, robust=True)
