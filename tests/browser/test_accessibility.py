"""axe-core (vendored from npm, tests/browser/vendor/axe.min.js, MPL-2.0) finds no
violation on any page kind, for each role, at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

from secondtrack.balloons.models import Balloon
from secondtrack.dialogues.models import Meeting, Session
from secondtrack.reports.models import Report
from tests.browser.conftest import screenshot
from tests.factories import DEMO_PASSWORD
from tests.trackone.test_trackone import fresh_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WIDTHS = (1280, 390)
RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""

ROLES = {
    "convenor": "weiling.lim@example.org",
    "participant": "antonio.delacruz@example.org",
    "rapporteur": "priya.venkataraman@example.org",
    "observer": "dewi.kusumawardani@example.org",
    "track_one_observer": "daniel.okafor@example.org",
    "funder": "thomas.avery@example.org",
}


def _pages(role: str) -> list[str]:
    jakarta = Meeting.objects.order_by("starts")[1]
    series = jakarta.series_id
    session = Session.objects.filter(meeting=jakarta, status="open").first()
    closed = Session.objects.filter(meeting=jakarta, status="closed").first()
    balloon = Balloon.objects.filter(meeting=jakarta).order_by("-floated_on", "previous").last()
    published = Report.objects.filter(kind="memorandum").first()
    in_review = Report.objects.filter(status="in_review").first()
    common = [
        "/",
        f"/series/{series}/",
        f"/meetings/{jakarta.id}/",
        f"/meetings/{jakarta.id}/reports/",
        f"/series/{series}/uptake/",
        "/me/notifications/",
        "/me/delivery/",
    ]
    reader = [
        f"/sessions/{session.id}/",
        f"/sessions/{closed.id}/",
        f"/meetings/{jakarta.id}/balloons/",
        f"/balloons/{balloon.id}/",
        f"/reports/{published.id}/",
        f"/reports/{in_review.id}/",
    ]
    if role == "funder":
        return common
    pages = common + reader
    if role in ("convenor", "rapporteur"):
        pages += [f"/reports/{in_review.id}/edit/"]
    if role in ("participant", "rapporteur", "observer"):
        pages += [f"/reports/{in_review.id}/review/"]
    if role == "convenor":
        pages += [
            f"/series/{series}/trackone/",
            f"/meetings/{jakarta.id}/invite/",
            f"/series/{series}/meetings/new/",
        ]
    return pages


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
    assert "/login/" not in page.url, f"{email} could not sign in"


def _violations(page, base: str, path: str, signed_in: bool) -> list[dict]:
    response = page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status < 500, (path, response and response.status)
    assert not signed_in or "/login/" not in page.url, path
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN)


def _audit(browser, base: str, email: str | None, paths: list[str], name: str) -> dict:
    found = {}
    for width in WIDTHS:
        # axe is injected as a script element; the site's CSP rightly forbids that.
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        if email:
            _log_in(page, base, email)
        for path in paths:
            violations = _violations(page, base, path, bool(email))
            if violations:
                found[f"{width} {path}"] = violations
        screenshot(page, f"axe-{name}-{width}")
        context.close()
    return found


def _summary(found: dict) -> str:
    return "\n".join(
        f"{where}: {v['id']} ({v['help']}) at {v['nodes'][0].splitlines()[0]}"
        for where, violations in found.items()
        for v in violations
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_no_axe_violation_on_any_page_for(role, browser, asgi_server, demo):
    found = _audit(browser, asgi_server, ROLES[role], _pages(role), role)
    assert not found, _summary(found)


def test_no_axe_violation_for_anonymous_pages_errors_and_the_recipient(browser, asgi_server, demo):
    paths = ["/login/", "/no-such-page/", fresh_link(None)]
    found = _audit(browser, asgi_server, None, paths, "anonymous")
    assert not found, _summary(found)


def test_the_audit_itself_catches_a_page_without_labels_or_landmarks(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body><img src='x.png'><input name='q'><h3>Late</h3></body></html>")
    page.add_script_tag(path=str(AXE))
    found = {v["id"] for v in page.evaluate(RUN)}
    context.close()
    assert {"image-alt", "label", "html-has-lang"} <= found
