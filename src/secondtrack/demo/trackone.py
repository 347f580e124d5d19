"""Demo Track One uptake: the memorandum sent to a fictional regional forum and a working
group, with mixed responses, so the funnel and the lineage have something to show."""

from __future__ import annotations

from datetime import date

from secondtrack.accounts.models import User
from secondtrack.balloons.models import Balloon
from secondtrack.dialogues.models import Series
from secondtrack.reports.models import Report
from secondtrack.trackone import services
from secondtrack.trackone.models import Transmission

FORUM = "Asia-Pacific Maritime Cooperation Forum (fictional)"
WORKING_GROUP = "Inter-Sessional Working Group on Maritime Safety (fictional)"


def add_demo_uptake(series: Series, convenor: User) -> None:
    forum = services.add_body(series, FORUM, "intergovernmental_forum")
    services.add_contact(forum, "Forum Secretariat", "secretariat@forum.example.org", "Secretariat")
    group = services.add_body(series, WORKING_GROUP, "working_group")
    services.add_contact(group, "Co-chairs' office", "cochairs@isg.example.org", "Co-chairs")
    memo = Report.objects.get(series=series, kind=Report.Kind.MEMORANDUM)
    glossary, code = [
        services.add_proposal(memo, b)
        for b in Balloon.objects.filter(series=series, outcome="consensus").order_by(
            "floated_on", "meeting__starts"
        )
    ]
    sent, _ = services.transmit(memo, forum, convenor, "http://127.0.0.1:8000")
    other, _ = services.transmit(memo, group, convenor, "http://127.0.0.1:8000")
    Transmission.objects.filter(id__in=[sent.id, other.id]).update(sent_on=date(2025, 10, 27))
    services.record_response(sent, glossary, "received", date(2025, 11, 3))
    services.record_response(
        sent,
        glossary,
        "adopted",
        date(2026, 5, 14),
        "Glossary annexed to the co-chairs' summary.",
        "https://forum.example.org/documents/co-chairs-summary-2026",
    )
    services.record_response(sent, code, "under_consideration", date(2026, 5, 14))
    services.record_response(other, code, "noted", date(2026, 2, 2), "Noted for the work plan.")
    glossary.arrangement = "Regional maritime terms glossary (2026 edition)"
    glossary.save(update_fields=["arrangement"])
