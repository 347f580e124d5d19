"""Published versions rendered as HTML, PDF (WeasyPrint), EPUB 3 (ebooklib) and Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from secondtrack.core.publication import (
    CHATHAM_HOUSE_NOTICE,
    DISCLAIMER,
    markdown_to_html,
    published_line,
    slug,
)
from secondtrack.reports.models import ReportVersion

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


def context(version: ReportVersion, inline_css: str = "") -> dict:
    from secondtrack.trackone.memorandum import memorandum_proposals

    report = version.report
    return {
        "memorandum_proposals": memorandum_proposals(report),
        "report": report,
        "version": version,
        "body_html": markdown_to_html(version.body),
        "published_line": published_line(version.published_on),
        "notice": CHATHAM_HOUSE_NOTICE,
        "disclaimer": DISCLAIMER,
        "language": "en",
        "inline_css": inline_css,
    }


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
        f"{published_line(version.published_on)}",
        "",
        f"> {CHATHAM_HOUSE_NOTICE}",
        "",
        version.body.strip(),
        "",
        *([proposals] if proposals else []),
        "---",
        "",
        DISCLAIMER,
        "",
    ]
    return "\n".join(lines).encode()


def to_epub(version: ReportVersion) -> bytes:
    from secondtrack.reports.epub import build_epub

    return build_epub(version, context(version))


RENDERERS = {"html": to_html, "pdf": to_pdf, "epub": to_epub, "md": to_markdown}


def filename(version: ReportVersion, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise UnknownFormat(f"{fmt!r} is not a format: use html, pdf, epub or md.")
    return f"{slug(version.title)}-v{version.number}.{fmt}"


def render(version: ReportVersion, fmt: str) -> Rendered:
    return Rendered(filename(version, fmt), FORMATS[fmt], RENDERERS[fmt](version))
