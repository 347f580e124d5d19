"""A memorandum carries its proposals (text, version, support, named endorsers) in every
format and on the recipient page: on the demo data."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from django.core import mail

from secondtrack.balloons import selectors as balloon_selectors
from secondtrack.reports import rendering
from secondtrack.reports.models import Report
from secondtrack.trackone.memorandum import memorandum_proposals
from tests.trackone.test_trackone import fresh_link


def version():
    return Report.objects.get(kind="memorandum").versions.order_by("-number").first()


@pytest.fixture
def endorsed(monkeypatch):
    """The balloons app names the endorsers who agreed to be named: one, in two scripts."""
    monkeypatch.setattr(
        balloon_selectors,
        "named_endorsers",
        lambda balloon: ["김민준 Kim Min-jun"],
        raising=False,
    )


def expected(demo):
    entries = memorandum_proposals(version().report)
    assert len(entries) == 2
    first = entries[0]
    assert first.support["reacted"] > 0 and first.version == 1
    return first


def test_the_html_export_carries_each_proposal_with_support_and_endorsers(demo, endorsed):
    first = expected(demo)
    html = rendering.render(version(), "html").data.decode()
    assert '<section class="proposals"' in html
    assert "Proposals and their support" in html
    assert "Proposal 1" in html and "(version 1)" in html and "(version 2)" in html
    assert first.text.splitlines()[0][:60] in html
    agree, reacted = first.support["agree"], first.support["reacted"]
    assert f"Agreed by {agree} of {reacted} participants who reacted" in html
    assert 'Endorsed by: <span lang="ko">김민준</span> Kim Min-jun' in html


def test_the_pdf_carries_the_proposals(demo, endorsed, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (Debian poppler-utils) is needed: scripts/test installs it")
    first = expected(demo)
    pdf = tmp_path / "m.pdf"
    pdf.write_bytes(rendering.render(version(), "pdf").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Proposals and their support" in flat and "Proposal 2 (version 2)" in flat
    assert f"Agreed by {first.support['agree']} of {first.support['reacted']}" in flat
    assert "김민준" in flat


def test_the_epub_has_a_proposals_chapter_and_stays_valid(demo, endorsed, tmp_path):
    first = expected(demo)
    data = rendering.render(version(), "epub").data
    book = zipfile.ZipFile(io.BytesIO(data))
    annex = next(n for n in book.namelist() if n.endswith("proposals.xhtml"))
    text = book.read(annex).decode()
    assert "Proposal 1" in text and first.support_line.split(" (")[0] in text
    assert '<span lang="ko">김민준</span> Kim Min-jun' in text
    nav = next(n for n in book.namelist() if n.endswith("nav.xhtml"))
    assert "proposals.xhtml" in book.read(nav).decode()
    jar = "/usr/bin/epubcheck"
    if not shutil.which("java") or not shutil.os.path.exists(jar):
        pytest.fail("epubcheck (Debian package) is needed: scripts/test installs it")
    path = tmp_path / "m.epub"
    path.write_bytes(data)
    result = subprocess.run(["java", "-jar", jar, str(path)], capture_output=True, text=True)
    assert "0 fatals / 0 errors" in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_markdown_export_lists_the_proposals(demo, endorsed):
    md = rendering.render(version(), "md").data.decode()
    assert "## Proposals and their support" in md and "### Proposal 2 (version 2)" in md
    assert "*Endorsed by:* 김민준 Kim Min-jun" in md


def test_the_recipient_page_shows_the_proposals_before_the_response_form(client, demo, endorsed):
    page = client.get(fresh_link(client)).content.decode()
    section = page.index('id="proposals"')
    assert section < page.index('id="responses"')
    assert "participants who reacted" in page[section:] and "김민준" in page


def test_without_the_endorsement_feature_no_one_is_named(demo, monkeypatch):
    monkeypatch.delattr(balloon_selectors, "named_endorsers", raising=False)
    html = rendering.render(version(), "html").data.decode()
    assert "Proposal 1" in html and "Endorsed by" not in html


def test_a_report_that_is_not_a_memorandum_has_no_proposals_section(demo):
    report = Report.objects.filter(kind="rapporteurs_report", versions__isnull=False).first()
    html = rendering.render(report.versions.first(), "html").data.decode()
    assert 'class="proposals"' not in html


@pytest.fixture
def in_japanese(demo):
    """The demo memorandum, as if it had been written and published in Japanese."""
    memorandum = Report.objects.get(kind="memorandum")
    memorandum.language = "ja"
    memorandum.save()
    memorandum.versions.update(language="ja")
    return memorandum


def test_a_japanese_memorandum_lists_its_proposals_in_japanese(in_japanese, endorsed):
    md = rendering.render(version(), "md").data.decode()
    assert "## 提案とその支持" in md and "### 提案 2 (第 2 版)" in md
    assert "*支持：*" in md and "*賛同者：* 김민준 Kim Min-jun" in md
    assert "Proposals and their support" not in md and "Agreed by" not in md
    html = rendering.render(version(), "html").data.decode()
    assert '<html lang="ja">' in html and "<h2>提案とその支持</h2>" in html


def test_the_recipient_reads_a_japanese_memorandum_in_japanese_around_an_english_form(
    client, in_japanese, endorsed
):
    mail.outbox.clear()
    page = client.get(fresh_link(client)).content.decode()
    assert '<html lang="en-gb">' in page and "Your response, proposal by proposal" in page
    article = page[page.index('<article class="publication" lang="ja">') :]
    assert "提案とその支持" in article and "チャタムハウス・ルールに基づき" in article
    # the contact has no profile: the e-mail is in the memorandum's language
    (sent,) = mail.outbox
    assert sent.subject == f"覚書：{version().title}"
    assert "Desk 様" in sent.body and "Dear" not in sent.body


def test_a_proposal_whose_balloon_is_still_open_carries_its_live_support(demo):
    """A balloon need not be closed to be drawn into a memorandum: its support is counted
    from its reactions now (no opinion map is computed for it)."""
    report = version().report
    balloon = report.proposals.exclude(balloon=None).first().balloon
    balloon.final_map = None
    balloon.status = "open"
    balloon.save(update_fields=["final_map", "status"])
    live = {e.text: e.support for e in memorandum_proposals(report)}
    proposal = balloon.statements.get(kind="proposal")
    reactions = list(proposal.reactions.values_list("vote", flat=True))
    assert any(s.get("reacted") == len(reactions) for s in live.values())
