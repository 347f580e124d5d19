"""Text of a publication: Markdown to safe HTML, the date line, the standard notices.

The notices and the date line are English here (core has no Django); the renderer
(``reports/rendering.py``) lists them for translation and passes them in the report's
language."""

from __future__ import annotations

from datetime import date

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "code",
    "pre",
    "hr",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}

CHATHAM_HOUSE_NOTICE = (
    "This report is non-attributed. Under the Chatham House Rule, it reports what was said "
    "but neither the identity nor the affiliation of any speaker or participant."
)
DISCLAIMER = (
    "The views expressed are those of participants in their private capacity and do not "
    "represent the views of any government or institution."
)


def markdown_to_html(body: str) -> str:
    """Render Markdown and keep only safe tags: drafts are written by people, read by others."""
    raw = markdown.markdown(body, extensions=["tables", "sane_lists"], output_format="xhtml")
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
    )


PUBLISHED_ONLINE = "Published online: %(date)s"


def published_line(day: date, template: str = PUBLISHED_ONLINE, day_text: str = "") -> str:
    """'Published online: 21 October 2015'; ``template`` (with ``%(date)s``) and
    ``day_text`` say it in another language."""
    return template % {"date": day_text or f"{day.day} {day.strftime('%B')} {day.year}"}


def slug(title: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else "-" for c in title)
    parts = [p for p in keep.split("-") if p]
    return "-".join(parts)[:80] or "report"
