"""The publication gate checks every published field, and cannot be walked around with
spellings that hide a name (issue 14: a title was never scanned; 6 of 16 spellings of a
participant's name got no finding)."""

import pytest

from secondtrack.reports import services
from secondtrack.reports.models import Report, ReportVersion
from secondtrack.reports.selectors import report_access
from secondtrack.trackone.models import Proposal

CLEAN_BODY = "## Summary\n\nParticipants discussed hotlines.\n"


def make_report(world, title="Alpha report", body=CLEAN_BODY, kind="rapporteurs_report"):
    return Report.objects.create(
        series=world.series, meeting=world.alpha, kind=kind, title=title, body=body
    )


def publish(world, report):
    return services.publish(report_access(world.convenor, report.id), "public", user=None)


def test_a_name_in_the_title_refuses_publication(world):
    report = make_report(world, title="What Alice Tanaka told us about hotlines")
    with pytest.raises(services.OpenFindings) as refused:
        publish(world, report)
    assert "In the title:" in str(refused.value)
    assert not ReportVersion.objects.exists()


@pytest.mark.parametrize(
    "spelling",
    [
        "Alice Ta\u200bnaka",
        "Alice Ta\u00adnaka",
        "Ａｌｉｃｅ Ｔａｎａｋａ",
        "\u202eakanaT ecilA\u202c",
        "A l i c e   T a n a k a",
        "Alice Tan-aka",
    ],
    ids=["zero-width", "soft hyphen", "fullwidth", "rtl override", "spaced", "hyphen"],
)
def test_hidden_spellings_in_the_body_refuse_publication(world, spelling):
    report = make_report(world, body=f"## Summary\n\n{spelling} opened the session.\n")
    with pytest.raises(services.OpenFindings) as refused:
        publish(world, report)
    finding = refused.value.findings[0]
    assert report.body[finding.start : finding.end] == spelling


def test_a_name_in_a_memorandum_proposal_refuses_publication(world):
    memo = make_report(world, title="Memorandum on hotlines", kind="memorandum")
    Proposal.objects.create(memorandum=memo, text="Set up the hotline Alice Tanaka proposed.")
    with pytest.raises(services.OpenFindings) as refused:
        publish(world, memo)
    assert "In the proposal 1:" in str(refused.value)


def test_proceedings_chapter_titles_are_checked(world):
    proceedings = make_report(
        world,
        title="Proceedings: Maritime Dialogue",
        kind="proceedings",
        body="Proceedings.\n\n## Alpha Meeting\n\n### Carol Park's summary\n\nHotlines.\n",
    )
    with pytest.raises(services.OpenFindings):
        publish(world, proceedings)


def test_a_clean_report_publishes_and_a_dismissed_title_finding_stops_blocking(world):
    report = make_report(world)
    assert publish(world, report).number == 1
    titled = make_report(world, title="Hotlines, after Tanaka")
    access = report_access(world.convenor, titled.id)
    with pytest.raises(services.OpenFindings):
        publish(world, titled)
    finding = services.field_findings(titled)[0]
    services.dismiss(access, finding.category, "Tanaka", "a place name here")
    assert publish(world, titled).title == "Hotlines, after Tanaka"
