import io
import zipfile

import pytest
from ebooklib import epub

from secondtrack.delivery.models import Delivery, KindleAddress, PendingFile
from secondtrack.delivery.services import DeliveryError, deliver, retry_delivery
from secondtrack.delivery.services.kindle import set_kindle_address
from tests.delivery.fakes import closed_port_url
from tests.factories import PASSWORD


def _attachment(message):
    parts = [p for p in message.walk() if p.get_filename()]
    assert len(parts) == 1
    return parts[0]


def test_kindle_delivery_emails_a_valid_epub_to_the_kindle_address(
    smtp, alice, epub_bytes, tmp_path
):
    set_kindle_address(alice, "Alice_Reads@Kindle.com")
    delivery = deliver(
        alice,
        channel="kindle",
        filename="summary.epub",
        data=epub_bytes,
        mimetype="application/epub+zip",
        title="Chair's summary",
    )
    assert delivery.status == "done", delivery.message
    assert delivery.progress == 100
    assert "alice_reads@kindle.com" in delivery.message
    [message] = smtp.messages
    assert message["X-RcptTo"] == "alice_reads@kindle.com"
    assert message["Subject"] == "Chair's summary"
    assert "reports@dialogue.example.org" in message["From"]
    part = _attachment(message)
    assert part.get_filename() == "summary.epub"
    assert part.get_content_type() == "application/epub+zip"
    data = part.get_payload(decode=True)
    assert data == epub_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
    (tmp_path / "got.epub").write_bytes(data)
    book = epub.read_epub(str(tmp_path / "got.epub"))
    assert book.get_metadata("DC", "title")[0][0] == "Chair's summary: Maritime Dialogue"
    assert not PendingFile.objects.filter(delivery=delivery).exists()


@pytest.mark.parametrize(
    "address",
    ["alice@gmail.com", "alice@kindle.com.evil.org", "alice@notkindle.com", "kindle.com", ""],
)
def test_it_rejects_addresses_that_are_not_send_to_kindle(alice_client, alice, address):
    response = alice_client.post("/me/delivery/kindle/", {"address": address})
    assert response.status_code == 400
    assert not KindleAddress.objects.filter(user=alice).exists()
    if address:
        assert "@kindle.com or @free.kindle.com" in response.content.decode()


def test_it_accepts_free_kindle_addresses_and_explains_wifi(alice_client, alice):
    response = alice_client.post("/me/delivery/kindle/", {"address": "alice@free.kindle.com"})
    assert response.status_code == 302
    page = alice_client.get("/me/delivery/").content.decode()
    assert "alice@free.kindle.com" in page
    assert "Wi-Fi only, free" in page


def test_settings_page_explains_approved_list_and_shows_sender(smtp, alice_client):
    page = alice_client.get("/me/delivery/").content.decode()
    assert "<code>reports@dialogue.example.org</code>" in page
    assert "Approved Personal Document E-mail List" in page
    assert "only when your Kindle is on Wi-Fi" in page
    assert "mobile network" in page and "service fees" in page
    assert "not configured" not in page.split('id="dropbox"')[0]


def test_settings_page_says_kindle_is_not_configured_without_smtp(alice_client, settings):
    settings.EMAIL_HOST = ""
    page = alice_client.get("/me/delivery/").content.decode()
    assert "Saving to Kindle is not configured on this server" in page
    assert "Saving to Dropbox is not configured on this server" in page
    assert "Saving to Google Drive is not configured on this server" in page


def test_deliver_refuses_kindle_when_no_mail_server(alice, settings, epub_bytes):
    settings.EMAIL_HOST = ""
    with pytest.raises(DeliveryError, match="not configured"):
        deliver(alice, "kindle", "a.epub", epub_bytes, "application/epub+zip", "A")


def test_deliver_refuses_markdown_for_kindle(alice, smtp):
    with pytest.raises(DeliveryError, match="EPUB or PDF"):
        deliver(alice, "kindle", "a.md", b"# A", "text/markdown", "A")


def test_api_put_kindle_validates_and_saves(client, alice):
    token = client.post(
        "/api/auth/token",
        {"email": alice.email, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    bad = client.put(
        "/api/me/kindle", {"address": "alice@gmail.com"}, content_type="application/json", **auth
    )
    assert bad.status_code == 422
    assert "@kindle.com or @free.kindle.com" in bad.json()["detail"]
    good = client.put(
        "/api/me/kindle", {"address": "Alice@Kindle.com"}, content_type="application/json", **auth
    )
    assert good.status_code == 200
    assert good.json()["address"] == "alice@kindle.com"
    assert client.get("/api/me/kindle", **auth).json()["address"] == "alice@kindle.com"


def test_missing_address_waits_for_the_reader_then_retry_sends(smtp, alice, epub_bytes):
    delivery = deliver(alice, "kindle", "a.epub", epub_bytes, "application/epub+zip", "A")
    assert delivery.status == "needs_reconnect"
    assert "Kindle address" in delivery.message
    set_kindle_address(alice, "alice@kindle.com")
    delivery = retry_delivery(alice, delivery.id)
    assert delivery.status == "done"
    assert len(smtp.messages) == 1


def test_mail_server_down_fails_clearly_and_keeps_the_file(alice, settings, epub_bytes, smtp):
    set_kindle_address(alice, "alice@kindle.com")
    settings.EMAIL_PORT = int(closed_port_url().rsplit(":", 1)[1])
    delivery = deliver(alice, "kindle", "a.epub", epub_bytes, "application/epub+zip", "A")
    assert delivery.status == Delivery.Status.FAILED
    assert "could not be reached" in delivery.message
    assert PendingFile.objects.filter(delivery=delivery).exists()
