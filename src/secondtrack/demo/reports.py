"""Demo reports: a published rapporteur's report, a memorandum in review, a draft with a slip."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from secondtrack.core.policy import grants
from secondtrack.dialogues.models import Meeting, Participation
from secondtrack.reports import services
from secondtrack.reports.models import Report, ReportVersion
from secondtrack.reports.selectors import ReportAccess

REPORT_ONE = """## Summary

Participants met in Singapore to examine how the rules that govern unplanned encounters
between navies might be extended to coast guards and to fishing fleets acting under state
direction. The discussion was frank and constructive. This report follows the Chatham House
Rule: it records what was said, not who said it.

## Incidents at sea

Several participants observed that coast guard vessels now meet one another far more often
than warships do, yet no common procedure governs those encounters. One participant argued
that the naval code could be adapted with modest changes to signals and safe distances;
another cautioned that coast guards act under domestic law and would resist commitments
framed in military terms.

> A hotline that nobody answers is worse than none.

There was broad agreement that any mechanism must be tested regularly and that results
should be shared among the parties.

## Terms used in the region

Participants noted that the same institutions are named differently across the region, for
example 海上保安 (maritime safety) in Japanese and 해양경찰 (maritime police) in Korean, and
that a shared glossary in the main languages would reduce misunderstandings at sea.

## Recommendations

1. Explore a voluntary code of conduct for unplanned encounters between coast guards.
2. Test communication channels every quarter and report the results.
3. Prepare a multilingual glossary of maritime terms for the next meeting.
"""

MEMORANDUM = """## Memorandum to the Asia-Pacific Maritime Cooperation Forum

The participants of the dialogue recommend that governments consider the proposals below.
They reached consensus among participants from every country and sector present, in their
private capacity.

## Proposals

1. A multilingual glossary of maritime terms, compiled by coast guards and navies.
2. A voluntary code for unplanned encounters between coast guards and maritime militias,
   without prejudice to any claim, beginning with a small pilot.
"""

REVIEWED = """## Maritime militias and the grey zone

Participants examined how fishing fleets acting under state direction complicate the
rules of the road at sea, and how a voluntary code could address them.
"""

SUMMARY_DRAFT = """## Chair's summary (draft)

As I said when I was ambassador in Hanoi, cable repair needs predictable access.
Professor Morikawa stressed liability; the only retired admiral here disagreed.
"""


def _editor(report: Report) -> ReportAccess:
    return ReportAccess(report, None, grants(["convenor"]), grants(["convenor"]))


def _reviewer(report: Report, participation: Participation) -> ReportAccess:
    return ReportAccess(
        report, participation.person_id, grants([participation.role]), grants([participation.role])
    )


def add_demo_reports(meetings: list[Meeting]) -> None:
    first, second, third = meetings
    report = services.create_report(first, "rapporteurs_report", "Incidents at sea", True)
    services.save_draft(_editor(report), report.title, REPORT_ONE)
    services.publish(_editor(report), "series")
    ReportVersion.objects.filter(report=report).update(published_on=date(2025, 4, 2))

    memo = services.create_report(second, "memorandum", "Coast guard encounters", True)
    services.save_draft(_editor(memo), memo.title, MEMORANDUM)
    services.publish(_editor(memo), "series")
    ReportVersion.objects.filter(report=memo).update(published_on=date(2025, 10, 20))

    review = services.create_report(second, "rapporteurs_report", "Maritime militias", True)
    services.save_draft(_editor(review), review.title, REVIEWED)
    services.circulate(_editor(review), timezone.localdate() + timedelta(days=14))
    reviewers = list(second.participations.filter(status__in=Participation.MEMBER_STATUSES)[:3])
    services.comment(_reviewer(review, reviewers[0]), "Say that the pilot should be time-limited.")
    services.approve(_reviewer(review, reviewers[1]))
    services.approve(_reviewer(review, reviewers[2]))

    draft = services.create_report(third, "chairs_summary", "Cables and liability", True)
    services.save_draft(_editor(draft), draft.title, SUMMARY_DRAFT)
