"""What of a rendered page is still English: visible text and the attributes people read."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Names and codes that stay as they are in every language.
KEEP = {
    "secondtrack",
    "second",
    "track",
    "Kindle",
    "Dropbox",
    "Google",
    "Drive",
    "Send-to-Kindle",
    "PDF",
    "EPUB",
    "CSV",
    "UTC",
    "ics",
    "Wi-Fi",
    "kindle",
    "com",
    "free",
    "example",
    "org",
    "https",
    "Markdown",
    "HTML",
    "API",
    "iCalendar",
    "Asia",
    "Tokyo",
    "Europe",
    "London",
    "Seoul",
    "Amazon",
    "Ctrl",
    "IANA",
    "ISO",
    "YYYY-MM-DD",
    "FreeOTP",
    "Aegis",
    "Authenticator",
    "1Password",
    "Polis",
}
READ_ATTRS = {"title", "placeholder", "aria-label", "alt", "hx-confirm", "aria-description"}
SKIP_TAGS = {"script", "style", "code", "pre", "datalist", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        for name, value in attrs:
            if name in READ_ATTRS and value:
                self.parts.append(value)
            if tag == "input" and name == "value" and dict(attrs).get("type") in ("submit",):
                self.parts.append(value or "")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def english_words(html: str, data: set[str] = frozenset()) -> list[str]:
    """English words (two letters or more) left on the page, other than `data` and KEEP."""
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    for d in sorted(data, key=len, reverse=True):
        text = text.replace(d, " ")
    text = re.sub(r"\S+@\S+", " ", text)  # e-mail addresses
    text = re.sub(r"\b[\w-]+\.(csv|ics|pdf|epub|json|md)\b", " ", text)  # file names
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
    return [w for w in words if w not in KEEP]
