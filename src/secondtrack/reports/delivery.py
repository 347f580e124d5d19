"""Delivering a report: which channels a page can offer, and the file made in the task."""

from __future__ import annotations

from secondtrack.delivery.models import Delivery
from secondtrack.delivery.services.delivering import channel_configured


def channel_status() -> list[tuple[str, str, bool]]:
    """(channel, label, configured) for Kindle, Dropbox and Google Drive."""
    return [(c.value, c.label, channel_configured(c.value)) for c in Delivery.Channel]


def deliver_version(user, channel: str, version, fmt: str) -> Delivery:
    """Save a published version (already checked readable by the caller) to a channel; the
    PDF or EPUB is rendered by the delivery's task, not in the request."""
    from secondtrack.delivery.services import deliver_rendered
    from secondtrack.reports import rendering

    return deliver_rendered(
        user,
        channel,
        rendering.filename(version, fmt),
        rendering.FORMATS[fmt],
        version.title,
        renderer="secondtrack.reports.delivery.render_version",
        version_id=str(version.id),
        fmt=fmt,
    )


def render_version(version_id: str, fmt: str) -> bytes:
    from secondtrack.reports import rendering
    from secondtrack.reports.models import ReportVersion

    version = ReportVersion.objects.select_related("report__series").get(id=version_id)
    return rendering.render(version, fmt).data
