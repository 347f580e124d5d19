import pytest

from secondtrack.delivery import crypto
from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.delivery.services import DeliveryError, deliver, dropbox
from tests.delivery.conftest import connect


def test_unknown_channel_is_refused_with_a_sentence(alice):
    with pytest.raises(DeliveryError, match="Kindle, Dropbox or Google Drive"):
        deliver(alice, "fax", "a.pdf", b"x", "application/pdf", "A")


def test_unconfigured_channel_is_refused(alice, settings):
    settings.DROPBOX_APP_KEY = ""
    with pytest.raises(DeliveryError, match="Saving to Dropbox is not configured on this server"):
        deliver(alice, "dropbox", "a.pdf", b"x", "application/pdf", "A")


def test_empty_file_is_refused(alice, fake_dropbox):
    with pytest.raises(DeliveryError, match="empty"):
        deliver(alice, "dropbox", "a.pdf", b"", "application/pdf", "A")


def test_filename_loses_any_path(alice, fake_dropbox):
    delivery = deliver(alice, "dropbox", "../../etc/passwd.pdf", b"x", "application/pdf", "A")
    assert delivery.filename == "passwd.pdf"


def test_pending_file_is_encrypted(alice, fake_dropbox):
    data = b"%PDF-1.7 the secret memorandum"
    delivery = deliver(alice, "dropbox", "m.pdf", data, "application/pdf", "M")
    sealed = bytes(PendingFile.objects.get(delivery=delivery).sealed)
    assert b"secret memorandum" not in sealed
    assert crypto.unseal(sealed) == data


def test_an_unexpected_error_becomes_a_failed_delivery_not_a_500(
    alice_client, alice, fake_dropbox, monkeypatch
):
    connect(alice_client, "dropbox")

    def explode(*args, **kwargs):
        raise RuntimeError("token=at-secret should never reach the reader")

    monkeypatch.setattr(dropbox, "_upload_refreshing_once", explode)
    delivery = deliver(alice, "dropbox", "m.pdf", b"%PDF", "application/pdf", "M")
    assert delivery.status == Delivery.Status.FAILED
    assert "Something went wrong on our side" in delivery.message
    assert "secret" not in delivery.message
    page = alice_client.get(f"/deliveries/{delivery.id}/")
    assert page.status_code == 200 and b"Retry" in page.content


def test_status_partial_polls_until_settled(alice_client, alice, fake_dropbox):
    delivery = deliver(alice, "dropbox", "m.pdf", b"%PDF", "application/pdf", "M")
    settled = alice_client.get(f"/deliveries/{delivery.id}/status/").content.decode()
    assert "hx-trigger" not in settled
    Delivery.objects.filter(id=delivery.id).update(status="running", progress=40)
    running = alice_client.get(f"/deliveries/{delivery.id}/status/").content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert f'hx-get="/deliveries/{delivery.id}/status/"' in running
    assert 'value="40"' in running


def test_tokens_sealed_with_an_old_secret_key_still_open(settings):
    sealed = crypto.seal_text("at-old")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 20
    assert crypto.unseal_text(sealed) == "at-old"
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(crypto.CannotUnseal):
        crypto.unseal_text(sealed)
