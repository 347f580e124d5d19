"""What a memorandum carries besides its text: the proposals drawn into it, each with the
version of its balloon, the level of support it reached and the endorsers who agreed to be
named. Read by every rendering (HTML, PDF, EPUB, Markdown) and by the recipient page.

Support is the balloon's tally at close (kept in its final map), so it does not move after
the memorandum is sent. Nothing here names who floated or amended a proposal; the only
names are those of endorsers who chose to be named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext

from secondtrack.trackone.models import Proposal


@dataclass(frozen=True)
class ProposalEntry:
    number: int
    text: str
    version: int | None  # of the balloon it was drawn from; None when entered by hand
    support: dict[str, int] = field(default_factory=dict)
    endorsers: list[str] = field(default_factory=list)
    arrangement: str = ""

    @property
    def support_line(self) -> str:
        """In the active language (a rendering's: the memorandum's)."""
        s = self.support
        if not s.get("reacted"):
            return gettext("No reactions recorded.")
        return gettext(
            "Agreed by %(agree)s of %(reacted)s participants who reacted "
            "(%(disagree)s disagreed, %(pass)s passed)."
        ) % {
            "agree": s.get("agree", 0),
            "reacted": s["reacted"],
            "disagree": s.get("disagree", 0),
            "pass": s.get("pass", 0),
        }

    @property
    def heading(self) -> str:
        heading = gettext("Proposal %(number)s") % {"number": self.number}
        if not self.version:
            return heading
        return f"{heading} ({gettext('version %(version)s') % {'version': self.version}})"


def named_endorsers(balloon) -> list[str]:
    """Endorsers of ``balloon`` who agreed to be named, from the balloons app when it offers
    them; no one otherwise."""
    try:
        from secondtrack.balloons.selectors import named_endorsers as from_balloons
    except ImportError:
        return []
    return [str(name) for name in from_balloons(balloon)]


def _support(balloon) -> dict[str, int]:
    if balloon.final_map and balloon.final_map.get("support"):
        return dict(balloon.final_map["support"])
    from secondtrack.balloons.opinion import support

    return dict(support(balloon))


def memorandum_proposals(report) -> list[ProposalEntry]:
    """The proposals of a memorandum in their order; [] for any other kind of report."""
    if report.kind != "memorandum":
        return []
    proposals = Proposal.objects.filter(memorandum=report).select_related("balloon")
    out = []
    for number, p in enumerate(proposals, start=1):
        balloon = p.balloon
        out.append(
            ProposalEntry(
                number=number,
                text=p.text,
                version=balloon.version if balloon else None,
                support=_support(balloon) if balloon else {},
                endorsers=named_endorsers(balloon) if balloon else [],
                arrangement=p.arrangement,
            )
        )
    return out


def as_markdown(entries: list[ProposalEntry]) -> str:
    if not entries:
        return ""
    # words outside the f-strings, where makemessages (xgettext) finds them
    heading, support_label = gettext("Proposals and their support"), gettext("Support:")
    endorsed_label = gettext("Endorsed by:")
    lines = [f"## {heading}", ""]
    for e in entries:
        support = f"*{support_label}* {e.support_line}"
        lines += [f"### {e.heading}", "", e.text.strip(), "", support]
        if e.endorsers:
            lines.append(f"*{endorsed_label}* {', '.join(e.endorsers)}")
        lines.append("")
    return "\n".join(lines)
