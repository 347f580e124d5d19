"""POST /api/scan (design §5): findings for a text against a meeting's participants."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from secondtrack.attribution.services import findings_json, scan_for_meeting
from secondtrack.balloons.selectors import member_access

router = Router(tags=["attribution"])
MAX_SCAN_CHARS = 400_000


class ScanIn(Schema):
    text: str
    meeting: int


@router.post("/scan")
def scan(request: HttpRequest, payload: ScanIn) -> dict[str, Any]:
    access = member_access(request.user, payload.meeting)
    if len(payload.text) > MAX_SCAN_CHARS:
        raise HttpError(422, f"Scan at most {MAX_SCAN_CHARS:,} characters at a time.")
    result = findings_json(scan_for_meeting(access.meeting, payload.text))
    result["k"] = settings.SECONDTRACK_ATTRIBUTION_K
    return result
