"""Clearance as a gate: when a draft in review may be published.

A draft circulated for review may be published once its review deadline has passed, or
as soon as every participant comment on it is resolved. Before that, only a convenor's
override, with a reason that is recorded, lets it through. A draft that was never
circulated is not gated here (the attribution checker still gates every publication).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_REASON = 1000


class ClearanceRefused(Exception):
    """Publication refused by the clearance gate; the message says what to do."""


@dataclass(frozen=True)
class Clearance:
    in_review: bool
    deadline: date | None
    open_comments: int

    def blocks(self, today: date) -> bool:
        """Whether the review still holds publication back on ``today``."""
        if not self.in_review or self.open_comments == 0:
            return False
        return self.deadline is None or today <= self.deadline

    def refusal(self, today: date) -> str:
        until = f"{self.deadline.day} {self.deadline:%B %Y}" if self.deadline else "its deadline"
        return (
            f"Publication refused: the draft is in review until {until} and "
            f"{self.open_comments} participant comment(s) are not resolved. Resolve them, "
            "wait until the deadline has passed, or publish with a convenor override "
            "giving your reason."
        )


def override_reason(clearance: Clearance, today: date, reason: str) -> str:
    """The override reason to record, or "" when no override is needed.

    Raises ClearanceRefused when the gate is closed and no usable reason is given."""
    if not clearance.blocks(today):
        return ""
    reason = (reason or "").strip()
    if not reason:
        raise ClearanceRefused(clearance.refusal(today))
    if len(reason) > MAX_REASON:
        raise ClearanceRefused(f"An override reason holds at most {MAX_REASON:,} characters.")
    return reason
