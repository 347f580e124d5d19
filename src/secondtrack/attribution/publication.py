"""Every field a publication shows is checked, not only the body (issue 14).

A report's body is scanned by ``reports.services.findings`` (its offsets annotate the
editor). The other published fields are scanned here: the title, and for a memorandum
each proposal and the arrangement it led to. Proceedings carry their chapter titles
(meeting and report titles) inside the body, so the body scan covers them. A finding in
a field keeps offsets into that field's text and says which field it is in.
"""

from __future__ import annotations

from typing import Any

from secondtrack.core.deattribution import Finding, Scanner


def published_fields(report: Any) -> list[tuple[str, str]]:
    """(label, text) of each published field of ``report`` other than its body."""
    fields = [("title", report.title or "")]
    summary = getattr(report, "summary", None)
    if isinstance(summary, str):
        fields.append(("summary", summary))
    proposals = getattr(report, "proposals", None)
    if proposals is not None:
        for number, proposal in enumerate(proposals.order_by("position", "id"), 1):
            fields.append((f"proposal {number}", proposal.text))
            fields.append((f"arrangement of proposal {number}", proposal.arrangement))
    return [(label, text) for label, text in fields if text and text.strip()]


def field_findings(
    scanner: Scanner,
    fields: list[tuple[str, str]],
    dismissed: set[tuple[str, str]],
    language: str | None = None,
) -> list[Finding]:
    """Findings in each field, less those dismissed; each explanation names its field.
    ``language`` is the publication's: a title or proposal too short to say its own
    language gets replacements in it."""
    found = []
    for label, text in fields:
        for f in scanner.scan(text, language=language):
            if (f.category, text[f.start : f.end]) in dismissed:
                continue
            f.explanation = f"In the {label}: {f.explanation}"
            found.append(f)
    return found
