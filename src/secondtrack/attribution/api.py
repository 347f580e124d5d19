"""POST /api/scan (design §5): findings for a text against a meeting's participants."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from secondtrack.api.errors import refusals
from secondtrack.api.schemas import FindingOut
from secondtrack.attribution.services import findings_json, scan_for_meeting
from secondtrack.balloons.selectors import member_access

router = Router(tags=["attribution"])
MAX_SCAN_CHARS = 400_000


class ScanIn(Schema):
    text: str = Field(max_length=MAX_SCAN_CHARS)
    meeting: int = Field(ge=1, le=10**18)


class ScanOut(Schema):
    findings: list[FindingOut]
    k: int


@router.post("/scan", response={200: ScanOut, **refusals(403, 404, body=True)})
def scan(request: HttpRequest, payload: ScanIn):
    """Findings for a text against the meeting's participants (same shape as scan --json)."""
    access = member_access(request.user, payload.meeting)
    result = findings_json(scan_for_meeting(access.meeting, payload.text))
    result["k"] = settings.SECONDTRACK_ATTRIBUTION_K
    return result
