"""Which delivery channels a report page can offer on this server."""

from __future__ import annotations

from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services.delivering import channel_configured


def channel_status() -> list[tuple[str, str, bool]]:
    """(channel, label, configured) for Kindle, Dropbox and Google Drive."""
    return [(c.value, c.label, channel_configured(c.value)) for c in Delivery.Channel]
