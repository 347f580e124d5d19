"""Rendering published versions and who may export them."""

import io
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse

from secondtrack.cli import main
from secondtrack.core.policy import grants
from secondtrack.reports import services
from secondtrack.reports.selectors import ReportAccess
from tests.factories import PASSWORD
from tests.record.helpers import bearer

CJK_BODY = "## 概要\n\n海上保安 and 해양경찰 were discussed.\n\n## Next steps\n\nA glossary.\n"


def published(report, visibility="meeting", body=CJK_BODY):
    editor = ReportAccess(report, None, grants(["convenor"]), grants(["convenor"]))
    services.save_draft(editor, report.title, body)
    return services.publish(editor, visibility)


def test_html_pdf_epub_and_markdown_exports(client, world, report):
    published(report)
    assert client.login(username=world.alice.email, password=PASSWORD)
    for fmt, magic in (("pdf", b"%PDF"), ("epub", b"PK"), ("html", b"<!doctype"), ("md", b"# ")):
        response = client.get(reverse("report_export", args=[report.id, fmt]))
        assert response.status_code == 200
        assert response.content.startswith(magic)
        assert f"-v1.{fmt}" in response["Content-Disposition"]


def test_pdf_carries_the_cjk_text_and_the_date_line(client, world, report, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (Debian poppler-utils) is needed: scripts/test installs it")
    published(report)
    assert client.login(username=world.alice.email, password=PASSWORD)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(client.get(reverse("report_export", args=[report.id, "pdf"])).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "海上保安" in text and "해양경찰" in text
    assert "Published online:" in text


def test_epub_is_valid_for_epubcheck(client, world, report, tmp_path):
    published(report)
    assert client.login(username=world.alice.email, password=PASSWORD)
    data = client.get(reverse("report_export", args=[report.id, "epub"])).content
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "mimetype" and any(n.endswith("chapter-2.xhtml") for n in names)
    jar = "/usr/bin/epubcheck"
    if not shutil.which("java") or not shutil.os.path.exists(jar):
        pytest.fail("epubcheck (Debian package) is needed: scripts/test installs it")
    path = tmp_path / "r.epub"
    path.write_bytes(data)
    result = subprocess.run(["java", "-jar", jar, str(path)], capture_output=True, text=True)
    assert "0 fatals / 0 errors" in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("who", ["bob", "outsider"])
def test_non_members_cannot_export_a_meeting_report(client, world, report, who):
    published(report)
    assert client.login(username=getattr(world, who).email, password=PASSWORD)
    assert client.get(reverse("report_export", args=[report.id, "pdf"])).status_code == 404
    api = client.get(
        f"/api/reports/{report.id}/export?format=pdf", **bearer(client, getattr(world, who))
    )
    assert api.status_code == 404


def test_public_versions_are_readable_without_an_account(client, world, report):
    published(report, "public")
    assert client.get(reverse("report", args=[report.id])).status_code == 200
    assert client.get(reverse("report_export", args=[report.id, "md"])).status_code == 200


def test_series_visibility_reaches_members_of_other_meetings(client, world, report):
    published(report, "series")
    assert client.login(username=world.bob.email, password=PASSWORD)
    assert client.get(reverse("report_export", args=[report.id, "html"])).status_code == 200


def test_api_lists_reports_with_status_and_exports(client, world, report):
    published(report)
    auth = bearer(client, world.alice)
    (row,) = client.get(f"/api/meetings/{world.alpha.id}/reports", **auth).json()
    assert row["status"] == "published" and row["kind"] == "rapporteurs_report"
    response = client.get(f"/api/reports/{report.id}/export?format=epub", **auth)
    assert response.status_code == 200 and response["Content-Type"] == "application/epub+zip"
    bad = client.get(f"/api/reports/{report.id}/export?format=docx", **auth)
    assert bad.status_code == 422


def test_unknown_format_on_the_page_is_explained(client, world, report):
    published(report)
    assert client.login(username=world.alice.email, password=PASSWORD)
    response = client.get(reverse("report_export", args=[report.id, "docx"]))
    assert response.status_code == 400
    assert "use html, pdf, epub or md" in response.content.decode()


def test_cli_export_writes_the_file(world, report, tmp_path, capsys):
    published(report)
    out = tmp_path / "report.epub"
    assert main(["export", str(world.alpha.id), "--format", "epub", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"PK")
    assert main(["export", str(world.beta.id), "--format", "pdf", "--out", str(out)]) == 1
    assert "has no published report" in capsys.readouterr().err
