"""A participant opens a published report, saves it to Kindle and sees the confirmation."""

import pytest
from django.core import mail

from secondtrack.delivery.models import KindleAddress
from secondtrack.dialogues.models import Participation
from secondtrack.reports.models import Report
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD
from tests.reports.test_exports import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_saves_a_published_report_to_kindle(page, asgi_server, world, settings):
    settings.EMAIL_HOST = "smtp.example.org"  # Kindle is offered only when e-mail is set up
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Participation.objects.filter(meeting=world.alpha, person=world.carol.person).update(
        role="rapporteur"
    )
    report = Report.objects.create(
        series=world.series,
        meeting=world.alpha,
        kind="chairs_summary",
        title="Alpha summary",
    )
    published(report)
    KindleAddress.objects.create(user=world.alice, address="alice_reads@kindle.com")

    log_in(page, asgi_server, world.alice.email, PASSWORD)
    page.wait_for_url(lambda url: "/login/" not in url, timeout=5000)
    page.goto(f"{asgi_server}/reports/{report.id}/")
    assert "Published online:" in page.inner_text("article.publication")
    screenshot(page, "report-page")
    page.select_option("#deliver select[name=format]", "epub")
    page.click("#deliver button[value=kindle]")
    page.wait_for_selector("text=Sent to alice_reads@kindle.com", timeout=10000)
    screenshot(page, "report-kindle-sent")
    # Publication also notifies the readers by e-mail; the Kindle gets one message.
    (message,) = [m for m in mail.outbox if m.to == ["alice_reads@kindle.com"]]
    assert message.attachments[0][0].endswith(".epub")
