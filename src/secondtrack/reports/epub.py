"""EPUB 3 of a published version: a title page, one chapter per second-level heading, nav;
in the version's language (rendered under ``rendering.in_its_language``)."""

from __future__ import annotations

import io
import re
import uuid

from django.template.loader import render_to_string
from django.utils.translation import gettext
from ebooklib import epub

from secondtrack.reports.models import ReportVersion

H2 = re.compile(r"(?=<h2>)")


def _chapters(body_html: str) -> list[tuple[str, str]]:
    parts = [p for p in H2.split(body_html) if p.strip()]
    out = []
    for index, part in enumerate(parts, start=1):
        match = re.match(r"<h2>(.*?)</h2>", part)
        title = (
            re.sub(r"<[^>]+>", "", match.group(1))
            if match
            else gettext("Part %(number)s") % {"number": index}
        )
        out.append((title, part))
    return out


def build_epub(version: ReportVersion, ctx: dict) -> bytes:
    from secondtrack.reports.rendering import CSS_PATH

    report = version.report
    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid5(report.id, str(version.number))}")
    book.set_title(version.title)
    language = ctx["language"]
    book.set_language(language)
    organisation = report.series.convening_organisation
    book.add_author(organisation.name if organisation else report.series.title)
    book.add_metadata("DC", "date", version.published_on.isoformat())
    book.add_metadata("DC", "publisher", report.series.title)
    style = epub.EpubItem(
        uid="style",
        file_name="style/publication.css",
        media_type="text/css",
        content=CSS_PATH.read_bytes(),
    )
    book.add_item(style)
    title_page = epub.EpubHtml(title=gettext("Title page"), file_name="title.xhtml", lang=language)
    title_page.content = render_to_string(
        "reports/_publication_body.html", {**ctx, "body_html": "", "memorandum_proposals": []}
    )
    title_page.add_item(style)
    book.add_item(title_page)
    chapters = []
    for n, (title, html) in enumerate(_chapters(ctx["body_html"]), start=1):
        chapter = epub.EpubHtml(title=title, file_name=f"chapter-{n}.xhtml", lang=language)
        chapter.content = f'<article class="publication">{html}</article>'
        chapter.add_item(style)
        book.add_item(chapter)
        chapters.append(chapter)
    if ctx.get("memorandum_proposals"):
        annex = epub.EpubHtml(
            title=gettext("Proposals and their support"), file_name="proposals.xhtml", lang=language
        )
        annex.content = (
            '<article class="publication">'
            + render_to_string(
                "reports/_proposals.html", {"memorandum_proposals": ctx["memorandum_proposals"]}
            )
            + "</article>"
        )
        annex.add_item(style)
        book.add_item(annex)
        chapters.append(annex)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [title_page, "nav", *chapters]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()
