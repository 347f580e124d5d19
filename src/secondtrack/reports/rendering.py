"""Published versions rendered as HTML, PDF (WeasyPrint), EPUB 3 (ebooklib) and Markdown.

A version is rendered in its own language (``ReportVersion.language``, the report's when it
was published), whoever reads it: the notices, headings and dates are the document's, not
the reader's interface. The report page and the Track One recipient page show the same
article (:func:`article`) inside a page in the reader's language, marked with ``lang``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from secondtrack.core.publication import (
    CHATHAM_HOUSE_NOTICE,
    DISCLAIMER,
    PUBLISHED_ONLINE,
    markdown_to_html,
    published_line,
    slug,
)
from secondtrack.reports.models import ReportVersion

# core/publication.py's English, listed so that makemessages finds it (core has no Django);
# tests/reports check that these are the very strings core hands over.
CORE_STRINGS = (
    gettext_noop(
        "This report is non-attributed. Under the Chatham House Rule, it reports what was said "
        "but neither the identity nor the affiliation of any speaker or participant."
    ),
    gettext_noop(
        "The views expressed are those of participants in their private capacity and do not "
        "represent the views of any government or institution."
    ),
    gettext_noop("Published online: %(date)s"),
)

CSS_PATH = Path(__file__).parent / "static" / "reports" / "publication.css"
PRINT_CSS_PATH = CSS_PATH.with_name("publication-print.css")
FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "epub": "application/epub+zip",
    "md": "text/markdown; charset=utf-8",
}


class UnknownFormat(ValueError):
    pass


@dataclass(frozen=True)
class Rendered:
    filename: str
    mimetype: str
    data: bytes


def _dateline(version: ReportVersion) -> str:
    """'Published online: 2 April 2025' in the active language."""
    day = version.published_on
    return published_line(day, gettext(PUBLISHED_ONLINE), date_format(day, gettext("j F Y")))


def context(version: ReportVersion, inline_css: str = "") -> dict:
    """What the publication templates show; its words in the active language (render
    under :func:`in_its_language`)."""
    from secondtrack.trackone.memorandum import memorandum_proposals

    report = version.report
    return {
        "memorandum_proposals": memorandum_proposals(report),
        "report": report,
        "version": version,
        "body_html": markdown_to_html(version.body),
        "published_line": _dateline(version),
        "notice": gettext(CHATHAM_HOUSE_NOTICE),
        "disclaimer": gettext(DISCLAIMER),
        "language": version.language,
        "inline_css": inline_css,
    }


def in_its_language(version: ReportVersion) -> translation.override:
    return translation.override(version.language)


def article(version: ReportVersion) -> SafeString:
    """The publication as an ``<article lang=…>`` in its own language, for a page that is
    in the reader's."""
    with in_its_language(version):
        return SafeString(render_to_string("reports/_publication_body.html", context(version)))


def to_html(version: ReportVersion) -> bytes:
    css = CSS_PATH.read_text(encoding="utf-8")
    return render_to_string("reports/publication.html", context(version, css)).encode()


def to_pdf(version: ReportVersion) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("reports/publication.html", context(version))
    sheets = [CSS(filename=str(CSS_PATH)), CSS(filename=str(PRINT_CSS_PATH))]
    return HTML(string=html).write_pdf(stylesheets=sheets)


def to_markdown(version: ReportVersion) -> bytes:
    from secondtrack.trackone.memorandum import as_markdown, memorandum_proposals

    report = version.report
    proposals = as_markdown(memorandum_proposals(report))
    lines = [
        f"# {version.title}",
        "",
        f"*{report.get_kind_display()}* · {report.series.title}",
        _dateline(version),
        "",
        f"> {gettext(CHATHAM_HOUSE_NOTICE)}",
        "",
        version.body.strip(),
        "",
        *([proposals] if proposals else []),
        "---",
        "",
        gettext(DISCLAIMER),
        "",
    ]
    return "\n".join(lines).encode()


def to_epub(version: ReportVersion) -> bytes:
    from secondtrack.reports.epub import build_epub

    return build_epub(version, context(version))


RENDERERS: dict[str, Callable[[ReportVersion], bytes]] = {
    "html": to_html,
    "pdf": to_pdf,
    "epub": to_epub,
    "md": to_markdown,
}


def filename(version: ReportVersion, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise UnknownFormat(f"{fmt!r} is not a format: use html, pdf, epub or md.")
    return f"{slug(version.title)}-v{version.number}.{fmt}"


def render(version: ReportVersion, fmt: str) -> Rendered:
    """The version as a file in ``fmt``, in the version's own language."""
    name = filename(version, fmt)
    with in_its_language(version):
        return Rendered(name, FORMATS[fmt], RENDERERS[fmt](version))
