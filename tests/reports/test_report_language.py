"""A report is written in a language (issue 16, item 2): the checker's replacements follow
it where a sentence's own script does not decide, and every rendering prints its notices,
headings and dates in it, whoever reads it."""

import io
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse

from secondtrack.core.policy import grants
from secondtrack.core.publication import CHATHAM_HOUSE_NOTICE, DISCLAIMER, PUBLISHED_ONLINE
from secondtrack.reports import rendering, services
from secondtrack.reports.models import Report, ReportVersion
from secondtrack.reports.selectors import ReportAccess
from tests.factories import PASSWORD

# A participant's name alone in a list item: no sentence around it says a language.
DRAFT = "## 摘要\n\n出席者：\n\n- Alice Tanaka\n\n各方同意继续对话。\n"
NOTICE_ZH = "本报告不具名。根据查塔姆研究所规则"
NOTICE_EN = "This report is non-attributed. Under the Chatham House Rule"


def editor(report) -> ReportAccess:
    return ReportAccess(report, None, grants(["convenor"]), grants(["convenor"]))


def neutralised(text: str, findings) -> str:
    """What the editor's one-click replacements make of the draft (report.js)."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + f.replacement + text[f.end :]
    return text


def publish_neutralised(report, body=DRAFT) -> ReportVersion:
    access = editor(report)
    found = services.save_draft(access, report.title, body)
    assert [body[f.start : f.end] for f in found] == ["Alice Tanaka"]
    services.save_draft(access, report.title, neutralised(body, found))
    return services.publish(access, "meeting")


@pytest.fixture
def chinese(report):
    report.language = "zh-hans"
    report.save()
    return report


def test_a_name_standing_alone_gets_the_reports_language(chinese):
    (finding,) = services.findings(chinese, DRAFT)
    assert finding.replacement == "一位与会者"
    chinese.language = "en-gb"
    (finding,) = services.findings(chinese, DRAFT)
    assert finding.replacement == "a participant"


def test_a_title_takes_the_reports_language_too(chinese):
    chinese.title = "Alice Tanaka"
    (finding,) = services.field_findings(chinese)
    assert finding.replacement == "一位与会者" and finding.explanation.startswith("In the title")


def test_a_chinese_report_is_published_in_chinese_in_html_and_markdown(client, world, chinese):
    version = publish_neutralised(chinese)
    assert version.language == "zh-hans"
    assert client.login(username=world.alice.email, password=PASSWORD)
    html = client.get(reverse("report_export", args=[chinese.id, "html"])).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<li>一位与会者</li>" in html and "Alice Tanaka" not in html
    assert NOTICE_ZH in html and NOTICE_EN not in html
    assert "文中观点系与会者以个人身份发表" in html  # the disclaimer
    assert f"网上发布：{version.published_on.year}年" in html
    assert "记录员报告" in html  # the kind, in the masthead
    md = client.get(reverse("report_export", args=[chinese.id, "md"])).content.decode()
    assert f"> {NOTICE_ZH}" in md and "- 一位与会者" in md and "网上发布：" in md


def test_a_chinese_report_is_published_in_chinese_in_pdf(client, world, chinese, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (Debian poppler-utils) is needed: scripts/test installs it")
    publish_neutralised(chinese)
    assert client.login(username=world.alice.email, password=PASSWORD)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(client.get(reverse("report_export", args=[chinese.id, "pdf"])).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())  # pdftotext breaks lines where the page does
    assert "一位与会者" in flat and "AliceTanaka" not in flat
    assert "本报告不具名" in flat and "网上发布" in flat
    assert "Published online" not in text and "Chatham House Rule" not in text


def test_a_chinese_report_is_published_in_chinese_in_epub(client, world, chinese, tmp_path):
    publish_neutralised(chinese)
    assert client.login(username=world.alice.email, password=PASSWORD)
    data = client.get(reverse("report_export", args=[chinese.id, "epub"])).content
    book = zipfile.ZipFile(io.BytesIO(data))
    files = {n: book.read(n).decode() for n in book.namelist() if n != "mimetype"}
    opf = next(text for name, text in files.items() if name.endswith(".opf"))
    assert "<dc:language>zh-hans</dc:language>" in opf
    title = next(text for name, text in files.items() if name.endswith("title.xhtml"))
    assert NOTICE_ZH in title and 'lang="zh-hans"' in title
    assert "<title>扉页</title>" in title
    chapter = next(text for name, text in files.items() if name.endswith("chapter-1.xhtml"))
    assert "一位与会者" in chapter and 'lang="zh-hans"' in chapter
    assert not any('lang="en"' in text for text in files.values())
    jar = "/usr/bin/epubcheck"
    if not shutil.which("java") or not shutil.os.path.exists(jar):
        pytest.fail("epubcheck (Debian package) is needed: scripts/test installs it")
    path = tmp_path / "r.epub"
    path.write_bytes(data)
    result = subprocess.run(["java", "-jar", jar, str(path)], capture_output=True, text=True)
    assert "0 fatals / 0 errors" in result.stdout + result.stderr, result.stdout + result.stderr


def test_an_english_report_stays_english_for_a_chinese_reader(client, world, report):
    publish_neutralised(report)
    world.alice.language = "zh-hans"
    world.alice.save()
    assert client.login(username=world.alice.email, password=PASSWORD)
    html = client.get(reverse("report_export", args=[report.id, "html"])).content.decode()
    assert '<html lang="en-gb">' in html and "<li>a participant</li>" in html
    assert NOTICE_EN in html and NOTICE_ZH not in html and "Published online: " in html
    page = client.get(reverse("report", args=[report.id])).content.decode()
    assert '<html lang="zh-hans">' in page  # the reader's interface ...
    assert '<article class="publication" lang="en-gb">' in page  # ... the report's words
    assert NOTICE_EN in page


def test_the_report_page_shows_a_chinese_report_in_chinese_to_an_english_reader(
    client, world, chinese
):
    publish_neutralised(chinese)
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.get(reverse("report", args=[chinese.id])).content.decode()
    assert '<html lang="en-gb">' in page and "Read it where you read:" in page
    assert '<article class="publication" lang="zh-hans">' in page and NOTICE_ZH in page


def test_a_japanese_report_prints_its_notice_in_japanese(client, world, report):
    report.language = "ja"
    report.save()
    publish_neutralised(report, "## 概要\n\n- Alice Tanaka\n\n議論が続いた。\n")
    assert client.login(username=world.alice.email, password=PASSWORD)
    md = client.get(reverse("report_export", args=[report.id, "md"])).content.decode()
    assert "- ある参加者" in md and "チャタムハウス・ルールに基づき" in md


def test_a_version_keeps_the_language_it_was_published_in(client, world, chinese):
    publish_neutralised(chinese)
    chinese.refresh_from_db()
    services.save_draft(editor(chinese), chinese.title, chinese.body, "en-gb")
    chinese.refresh_from_db()
    assert chinese.language == "en-gb" and chinese.status == Report.Status.DRAFT
    assert client.login(username=world.alice.email, password=PASSWORD)
    html = client.get(reverse("report_export", args=[chinese.id, "html"])).content.decode()
    assert '<html lang="zh-hans">' in html and NOTICE_ZH in html


def test_core_hands_over_the_strings_listed_for_translation():
    assert set(rendering.CORE_STRINGS) == {CHATHAM_HOUSE_NOTICE, DISCLAIMER, PUBLISHED_ONLINE}


@pytest.mark.parametrize(
    ("given", "code"),
    [("zh-Hans", "zh-hans"), ("zh_hans", "zh-hans"), ("ja", "ja"), ("en", "en-gb"), ("", "")],
)
def test_a_language_is_understood_as_people_write_it(given, code):
    assert services.report_language(given) == code


def test_it_rejects_a_language_reports_are_not_written_in():
    with pytest.raises(services.ReportError, match="“tlh” is not a language.*en-gb, zh-hans, ja"):
        services.report_language("tlh")


def test_a_new_report_takes_the_series_language_else_its_authors(world, report):
    assert services.default_language(world.series, world.carol) == "en-gb"
    report.delete()
    assert services.default_language(world.series) == "en-gb"
    world.carol.language = "ja"
    assert services.default_language(world.series, world.carol) == "ja"
    Report.objects.create(series=world.series, kind="chairs_summary", title="x", language="zh-hans")
    assert services.default_language(world.series, world.carol) == "zh-hans"
    made = services.create_report(world.alpha, "chairs_summary", "Summary", True)
    assert made.language == "zh-hans"
    made = services.create_report(world.alpha, "chairs_summary", "Summary", True, "ja")
    assert made.language == "ja"


def test_the_pages_set_the_language_when_starting_and_editing_a_draft(client, world):
    assert client.login(username=world.convenor.email, password=PASSWORD)
    listing = client.get(reverse("meeting_reports", args=[world.alpha.id])).content.decode()
    assert '<option value="zh-hans" lang="zh-hans">简体中文</option>' in listing
    client.post(
        reverse("meeting_reports", args=[world.alpha.id]),
        {"kind": "chairs_summary", "title": "摘要", "language": "zh-hans"},
    )
    report = Report.objects.get(title="摘要")
    assert report.language == "zh-hans"
    page = client.get(reverse("report_edit", args=[report.id])).content.decode()
    assert '<option value="zh-hans" lang="zh-hans" selected>' in page
    # the preview follows the language chosen in the form before it is saved
    preview = client.post(
        reverse("report_preview", args=[report.id]), {"body": DRAFT, "language": "en-gb"}
    ).content.decode()
    assert "Replace with “a participant”" in preview
    preview = client.post(
        reverse("report_preview", args=[report.id]), {"body": DRAFT, "language": "zh-hans"}
    ).content.decode()
    assert "Replace with “一位与会者”" in preview
    client.post(
        reverse("report_edit", args=[report.id]), {"title": "摘要", "body": DRAFT, "language": "ja"}
    )
    report.refresh_from_db()
    assert report.language == "ja" and report.body == DRAFT
    refused = client.post(
        reverse("report_edit", args=[report.id]),
        {"title": "摘要", "body": "", "language": "tlh"},
        follow=True,
    ).content.decode()
    assert "is not a language reports are written in here" in refused
    report.refresh_from_db()
    assert report.language == "ja" and report.body == DRAFT  # nothing half-saved


def test_proceedings_are_assembled_in_the_series_language(world, chinese):
    publish_neutralised(chinese)
    proceedings = services.assemble_proceedings(world.series, True)
    assert proceedings.language == "zh-hans"
    assert proceedings.title == "会议文集：Maritime Dialogue"
    intro = "Maritime Dialogue 会议文集，由其各次会议已发布的报告汇编而成。"
    assert proceedings.body.startswith(intro)
    assert "2025年3月1日" in proceedings.body  # the meeting's date, as Chinese writes it
