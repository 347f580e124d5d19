"""A small world whose own data (titles, names, places) is written in CJK, so that any
English left on a page rendered in Chinese or Japanese is the interface's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from secondtrack.accounts.models import User
from secondtrack.balloons import selectors as balloon_selectors
from secondtrack.balloons import services as balloon_services
from secondtrack.dialogues.models import SeriesRole, Session
from secondtrack.reports.models import Report, ReportVersion
from tests.factories import attend, meeting, organisation, person, user_for


@dataclass
class CjkWorld:
    series: object
    meeting: object
    session: object
    balloon: object
    report: object
    convenor: User
    member: User
    member_person: object


@pytest.fixture
def cjk(db) -> CjkWorld:
    from secondtrack.dialogues.models import Series

    uni = organisation("京叶大学")
    series = Series.objects.create(title="海洋对话")
    m = meeting(series, "第一轮会议", starts=date(2027, 3, 10), place="新加坡")
    session = Session.objects.create(
        meeting=m,
        title="全体会议",
        rule="chatham_house",
        starts=datetime(2027, 3, 10, 1, 30, tzinfo=UTC),
        duration_minutes=90,
    )
    tanaka = person("田中明", (uni, "employment"), countries=["JP"])
    attend(m, tanaka)
    member = user_for(tanaka, "tanaka@example.org")
    convenor = user_for(None, "convenor@example.org")
    SeriesRole.objects.create(series=series, user=convenor, role="convenor")
    standing = balloon_selectors.member_access(member, m.id)
    balloon = balloon_services.float_balloon(standing, "海上保安机构之间的热线").balloon
    body = "## 摘要\n\n各方同意继续对话。\n"
    report = Report.objects.create(
        series=series,
        meeting=m,
        kind="rapporteurs_report",
        title="会议报告",
        body=body,
        status="published",
    )
    ReportVersion.objects.create(
        report=report,
        number=1,
        title=report.title,
        body=body,
        visibility="meeting",
        published_on=date(2027, 3, 11),
    )
    return CjkWorld(series, m, session, balloon, report, convenor, member, tanaka)
