"""POST /api/scan (design §5): findings for a text against a meeting's participants."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from secondtrack.api.errors import ApiError, refusals
from secondtrack.api.schemas import FindingOut
from secondtrack.attribution.services import UnknownAuthor, findings_json, scan_for_meeting
from secondtrack.balloons.selectors import member_access

router = Router(tags=["attribution"])
MAX_SCAN_CHARS = 400_000


class ScanIn(Schema):
    text: str = Field(max_length=MAX_SCAN_CHARS)
    meeting: int = Field(ge=1, le=10**18)
    author: int | str | None = Field(
        default=None,
        description="The person writing (person id, or registry id 'p<id>'): findings that "
        "narrow the author down come as category 'author'.",
    )


class ScanOut(Schema):
    findings: list[FindingOut]
    k: int


@router.post("/scan", response={200: ScanOut, **refusals(403, 404, body=True)})
def scan(request: HttpRequest, payload: ScanIn):
    """Findings for a text against the meeting's participants (same shape as scan --json);
    with ``author``, also what narrows that author down (category ``author``)."""
    access = member_access(request.user, payload.meeting)
    if payload.author is not None and not _is_caller(request, payload.author):
        raise ApiError(
            422, "You can scan as yourself only: give your own person id as 'author', or none."
        )
    try:
        found = scan_for_meeting(access.meeting, payload.text, author=payload.author)
    except UnknownAuthor as error:
        raise ApiError(422, str(error)) from None
    result = findings_json(found)
    result["k"] = settings.SECONDTRACK_ATTRIBUTION_K
    return result


def _is_caller(request: HttpRequest, author: int | str) -> bool:
    """Crowd sizes describe the author, so a scan names no one but the caller as author."""
    own = getattr(request.user, "person_id", None)
    return own is not None and str(author).strip() in {str(own), f"p{own}"}
