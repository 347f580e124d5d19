"""Saving a published report to Kindle from its page and the API."""

import io

from django.urls import reverse
from ebooklib import epub

from secondtrack.delivery.models import Delivery
from tests.delivery.conftest import smtp  # noqa: F401 - fixture: a real SMTP server
from tests.factories import PASSWORD
from tests.record.helpers import bearer
from tests.reports.test_exports import published


def set_kindle(client, auth, address="alice_reads@kindle.com"):
    return client.put(
        "/api/me/kindle", {"address": address}, content_type="application/json", **auth
    )


def test_api_delivers_a_report_to_kindle_as_a_valid_epub(client, world, report, smtp, tmp_path):  # noqa: F811
    published(report)
    auth = bearer(client, world.alice)
    assert set_kindle(client, auth).status_code == 200
    response = client.post(
        f"/api/reports/{report.id}/deliver",
        {"channel": "kindle", "format": "epub"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    (message,) = smtp.messages
    assert message["To"] == "alice_reads@kindle.com"
    (attachment,) = [p for p in message.walk() if p.get_filename()]
    path = tmp_path / attachment.get_filename()
    path.write_bytes(attachment.get_payload(decode=True))
    assert epub.read_epub(str(path)).title == "Alpha report"


def test_kindle_refuses_other_addresses(client, world):
    response = set_kindle(client, bearer(client, world.alice), "alice@gmail.com")
    assert response.status_code == 422
    assert "kindle.com" in response.json()["detail"]


def test_page_offers_only_configured_channels(client, world, report, settings):
    published(report)
    settings.EMAIL_HOST = ""
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.get(reverse("report", args=[report.id])).content.decode()
    assert "Kindle: not configured on this server" in page


def test_page_delivery_leads_to_the_progress_page(client, world, report, smtp):  # noqa: F811
    published(report)
    set_kindle(client, bearer(client, world.alice))
    assert client.login(username=world.alice.email, password=PASSWORD)
    response = client.post(
        reverse("report_deliver", args=[report.id]), {"channel": "kindle", "format": "pdf"}
    )
    delivery = Delivery.objects.get()
    assert response.url == reverse("delivery:delivery", args=[delivery.id])
    assert delivery.status == "done" and delivery.filename.endswith(".pdf")
    assert io.BytesIO(smtp.messages[0].get_payload()[1].get_payload(decode=True)).read(4) == b"%PDF"


def test_non_members_cannot_deliver_another_meetings_report(client, world, report):
    published(report)
    response = client.post(
        f"/api/reports/{report.id}/deliver",
        {"channel": "kindle"},
        content_type="application/json",
        **bearer(client, world.bob),
    )
    assert response.status_code == 404
    assert not Delivery.objects.exists()
