"""Tell every open balloon page that the map changed; pages fetch the new map themselves."""

from __future__ import annotations

from secondtrack.record.live import send_to_group


def group_name(balloon_id: object) -> str:
    return f"balloon.{balloon_id}"


def announce(balloon) -> None:
    send_to_group(group_name(balloon.id), {"event": "changed", "balloon": str(balloon.id)})
