"""Track classification of one meeting, computed from who sits at the table and who sets the agenda.

The rules (documented for convenors in docs/tracks.md):

- Track 1: at least half of the participants attend in an *official* capacity: the
  meeting is an official one whatever its label.
- Track 1.5 (Dibb's two readings, combined): officials or a ministry set the agenda
  (`agenda_set_by` is `government`), invitations were routed through governments, anyone
  attends in an official capacity, a government body co-organises the agenda, or
  serving officials and quasi-officials (officialness >= 0.75, e.g. staff of a
  ministry's research arm) make up at least a fifth of the participants, whatever
  capacity they claim.
- Track 3: nobody is a serving official, fewer than one in ten participants is even
  government-linked (officialness >= 0.2), and the outputs are not addressed to Track One.
- Track 2 otherwise: non-governmental, sometimes including officials in their private
  capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TRACK_ONE_OFFICIAL_SHARE = 0.5
ONE_AND_A_HALF_SHARE = 0.2
QUASI_OFFICIAL_SCORE = 0.75
LINKED_SCORE = 0.2
TRACK_THREE_LINKED_SHARE = 0.1


@dataclass(frozen=True)
class Seat:
    """One participant at the table, as the classification sees them."""

    capacity: str  # private, official, observer
    officialness: float
    serving_official: bool


@dataclass(frozen=True)
class MeetingSetting:
    agenda_set_by: str = "independent"  # independent, co_organised, government
    invitations_routed: str = "convenor"  # convenor, governments
    outputs_to_track_one: bool = False


@dataclass(frozen=True)
class TrackResult:
    track: str
    explanation: str
    serving_officials: int
    serving_officials_private: int
    official_capacity: int
    quasi_officials: int
    linked: int
    participants: int


def _count_phrase(count: int, total: int, what: str) -> str:
    return f"{count} of {total} participants {what}"


def classify(seats: Sequence[Seat], setting: MeetingSetting) -> TrackResult:
    total = len(seats)
    official_capacity = sum(1 for s in seats if s.capacity == "official")
    serving = sum(1 for s in seats if s.serving_official)
    serving_private = sum(1 for s in seats if s.serving_official and s.capacity != "official")
    quasi = sum(
        1 for s in seats if not s.serving_official and s.officialness >= QUASI_OFFICIAL_SCORE
    )
    linked = sum(1 for s in seats if s.officialness >= LINKED_SCORE)

    def result(track: str, explanation: str) -> TrackResult:
        return TrackResult(
            track, explanation, serving, serving_private, official_capacity, quasi, linked, total
        )

    if total == 0:
        reasons = _setting_reasons(setting)
        if reasons:
            return result("1.5", "Track 1.5: nobody has accepted yet; " + "; ".join(reasons) + ".")
        return result("2", "Track 2: nobody has accepted yet, so the label follows the setting.")
    if official_capacity / total >= TRACK_ONE_OFFICIAL_SHARE:
        return result(
            "1",
            f"Track 1: {_count_phrase(official_capacity, total, 'attend in an official capacity')}"
            " — at least half, so this is an official meeting.",
        )
    reasons = _one_and_a_half_reasons(
        setting, total, official_capacity, serving, serving_private, quasi
    )
    if reasons:
        return result("1.5", "Track 1.5: " + "; ".join(reasons) + ".")
    if (
        serving == 0
        and linked / total < TRACK_THREE_LINKED_SHARE
        and not (setting.outputs_to_track_one)
    ):
        return result(
            "3",
            f"Track 3: no serving officials and only {linked} of {total} participants "
            "have any government link; outputs are not addressed to officials.",
        )
    detail = (
        f"{_count_phrase(serving, total, 'are serving officials')}, all in a private capacity"
        if serving
        else "no serving officials attend"
    )
    return result(
        "2",
        f"Track 2: non-governmental, agenda set independently; {detail} "
        f"({linked} of {total} have some government link).",
    )


def _one_and_a_half_reasons(
    setting: MeetingSetting,
    total: int,
    official_capacity: int,
    serving: int,
    serving_private: int,
    quasi: int,
) -> list[str]:
    reasons: list[str] = []
    if (serving + quasi) / total >= ONE_AND_A_HALF_SHARE:
        text = _count_phrase(serving, total, "are serving officials")
        if serving_private:
            text += f" ({serving_private} attending in a private capacity)"
        if quasi:
            text += f" and {quasi} more work for government-mandated or -funded bodies"
        reasons.append(text + f", {round(100 * (serving + quasi) / total)} % of the table")
    if official_capacity:
        reasons.append(_count_phrase(official_capacity, total, "attend in an official capacity"))
    return reasons + _setting_reasons(setting)


def _setting_reasons(setting: MeetingSetting) -> list[str]:
    """Who sets the agenda and routes the invitations: Dibb's first reading of 1.5."""
    reasons: list[str] = []
    if setting.agenda_set_by == "government":
        reasons.append("officials set the agenda")
    elif setting.agenda_set_by == "co_organised":
        reasons.append("the agenda is co-organised with a government body")
    if setting.invitations_routed == "governments":
        reasons.append("invitations were routed through governments")
    return reasons
