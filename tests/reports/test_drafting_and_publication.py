"""Drafting, clearance and publication gated by the attribution checker."""

import pytest
from django.urls import reverse

from secondtrack.reports.models import Report, ReportVersion, ReviewComment
from tests.factories import PASSWORD


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def publish(client, report, visibility="meeting"):
    return client.post(
        reverse("report_publish", args=[report.id]), {"visibility": visibility}, follow=True
    )


def save(client, report, body, title="Alpha report"):
    return client.post(
        reverse("report_edit", args=[report.id]), {"title": title, "body": body}, follow=True
    )


def test_rapporteur_drafts_and_sees_findings_inline(client, world, report):
    login(client, world.carol)
    page = save(client, report, "Alice Tanaka argued for a hotline.").content.decode()
    assert "1 attribution finding(s) open" in page
    assert '<mark class="finding high"' in page
    assert "Replace with “a participant”" in page


def test_live_preview_renders_markdown_and_marks_findings(client, world, report):
    login(client, world.carol)
    response = client.post(
        reverse("report_preview", args=[report.id]), {"body": "**Bold** and Tanaka's view\r\n"}
    )
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "Tanaka" in html and "finding" in html


def test_publication_is_refused_while_a_finding_is_open_and_says_which(client, world, report):
    login(client, world.carol)
    save(client, report, "As Alice Tanaka said, my ministry agrees.")
    client.logout()
    login(client, world.convenor)
    page = publish(client, report).content.decode()
    assert "Publication refused: 2 attribution finding(s) are open" in page
    assert "Alice Tanaka" in page
    assert not ReportVersion.objects.exists()
    assert Report.objects.get().status == "draft"


def test_dismissing_a_finding_as_not_identifying_lets_publication_through(client, world, report):
    login(client, world.carol)
    save(client, report, "Alice Tanaka is a name in a cited book.")
    client.post(
        reverse("report_dismiss", args=[report.id]),
        {"category": "name", "excerpt": "Alice Tanaka"},
    )
    client.logout()
    login(client, world.convenor)
    publish(client, report)
    assert ReportVersion.objects.get().number == 1


def test_published_version_is_immutable_dated_and_versioned(client, world, report):
    login(client, world.convenor)
    publish(client, report)
    save(client, report, "## Summary\n\nA second edition.\n")
    first = ReportVersion.objects.get(number=1)
    assert "hotlines" in first.body
    assert Report.objects.get().status == "draft"
    publish(client, report, "series")
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [2, 1]
    page = client.get(reverse("report", args=[report.id])).content.decode()
    assert "Published online:" in page and "A second edition." in page


def test_only_convenors_publish_and_circulate(client, world, report):
    login(client, world.carol)
    publish(client, report)
    client.post(reverse("report_circulate", args=[report.id]), {"deadline": "2099-01-01"})
    assert not ReportVersion.objects.exists()
    assert Report.objects.get().status == "draft"


def test_reviewers_comment_non_attributed_and_convenor_sees_a_count(client, world, report):
    login(client, world.convenor)
    client.post(reverse("report_circulate", args=[report.id]), {"deadline": "2099-01-01"})
    client.logout()
    login(client, world.alice)
    client.post(reverse("report_review", args=[report.id]), {"text": "Shorten the summary."})
    own = client.get(reverse("report_review", args=[report.id])).content.decode()
    assert "Your comment</header>" in own
    client.logout()
    login(client, world.carol)
    other = client.get(reverse("report_review", args=[report.id])).content.decode()
    assert "Shorten the summary." in other and "Your comment</header>" not in other
    client.post(reverse("report_review", args=[report.id]), {"approve": "1"})
    client.logout()
    login(client, world.convenor)
    page = client.get(reverse("report_edit", args=[report.id])).content.decode()
    assert "2 of 2</strong> participants have responded (1 approved)" in page
    assert "Alice" not in page.split('id="comments"')[1]
    comment = ReviewComment.objects.get()
    assert comment.tag and str(world.alice.person_id) != comment.tag


def test_publishing_cuts_comments_from_their_authors(client, world, report, session_keys_in_tmp):
    login(client, world.convenor)
    client.post(reverse("report_circulate", args=[report.id]), {"deadline": "2099-01-01"})
    client.logout()
    login(client, world.alice)
    client.post(reverse("report_review", args=[report.id]), {"text": "Fine."})
    client.logout()
    login(client, world.convenor)
    comment = ReviewComment.objects.get()
    client.post(reverse("report_resolve", args=[report.id, comment.id]))
    publish(client, report)
    assert ReviewComment.objects.get().tag is None
    assert list(session_keys_in_tmp.glob("report-*")) == []


def test_empty_comment_and_bad_deadline_are_explained(client, world, report):
    login(client, world.convenor)
    page = client.post(
        reverse("report_circulate", args=[report.id]), {"deadline": "soon"}, follow=True
    ).content.decode()
    assert "Give the review deadline as a date." in page
    client.post(reverse("report_circulate", args=[report.id]), {"deadline": "2099-01-01"})
    client.logout()
    login(client, world.alice)
    page = client.post(
        reverse("report_review", args=[report.id]), {"text": "  "}, follow=True
    ).content.decode()
    assert "Write your comment: it is empty." in page
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "outsider"])
def test_drafts_are_hidden_from_all_but_editors(client, world, report, who):
    login(client, getattr(world, who))
    assert client.get(reverse("report", args=[report.id])).status_code == 404
    assert client.get(reverse("report_edit", args=[report.id])).status_code == 404


def test_convenor_assembles_proceedings_from_published_reports(client, world, report):
    login(client, world.convenor)
    assert (
        "No meeting of this series has a published report yet."
        in client.post(
            reverse("assemble_proceedings", args=[world.series.id]), follow=True
        ).content.decode()
    )
    publish(client, report)
    response = client.post(reverse("assemble_proceedings", args=[world.series.id]))
    proceedings = Report.objects.get(kind="proceedings")
    assert response.url == reverse("report_edit", args=[proceedings.id])
    assert proceedings.meeting is None
    assert "## Alpha Meeting" in proceedings.body and "### Alpha report" in proceedings.body
    assert "#### Summary" in proceedings.body
    publish(client, proceedings, "series")
    client.logout()
    login(client, world.bob)  # a member of another meeting of the series
    assert client.get(reverse("report", args=[proceedings.id])).status_code == 200
    assert "Proceedings" in client.get(reverse("series", args=[world.series.id])).content.decode()


def test_members_cannot_assemble_proceedings(client, world, report):
    login(client, world.alice)
    client.post(reverse("assemble_proceedings", args=[world.series.id]))
    assert not Report.objects.filter(kind="proceedings").exists()
