from datetime import timedelta

from django.db import connection as db
from django.utils import timezone

from secondtrack.delivery.models import Connection, Delivery, PendingFile, PolicyConsent
from secondtrack.delivery.services import deliver
from tests.delivery.conftest import connect
from tests.delivery.fakes import closed_port_url

EPUB = b"PK\x03\x04" + bytes(range(256)) * 30 + b"\r\n--not-a-boundary\n\n\r\n"


def _save(user, data=EPUB):
    return deliver(user, "gdrive", "summary.epub", data, "application/epub+zip", "Chair's summary")


def test_connect_asks_only_for_drive_file_scope_with_pkce(alice_client, alice, fake_google):
    start = alice_client.post("/me/delivery/gdrive/connect/", {"agree": "on"})
    location = start["Location"]
    assert "scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdrive.file" in location
    assert "code_challenge_method=S256" in location and "access_type=offline" in location
    done = connect(alice_client, "gdrive")
    assert done.status_code == 302
    assert fake_google.oauth.verifiers_checked == 1
    assert PolicyConsent.objects.filter(user=alice, provider="gdrive").exists()
    row = Connection.objects.get(user=alice, provider="gdrive")
    assert row.account_label == "Alice Tanaka (alice.google@example.org)"


def test_tokens_are_not_stored_in_clear(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    with db.cursor() as cursor:
        cursor.execute("SELECT * FROM delivery_connection")
        row = " ".join(str(v) for v in cursor.fetchone())
    for token in [*fake_google.oauth.access, *fake_google.oauth.refresh]:
        assert token not in row


def test_upload_creates_the_file_in_drive(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    [stored] = fake_google.files
    assert stored["name"] == "summary.epub"
    assert stored["mimeType"] == "application/epub+zip"
    assert stored["data"] == EPUB
    assert not PendingFile.objects.filter(delivery=delivery).exists()


def test_expired_access_token_is_refreshed(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    fake_google.oauth.expire_access_tokens()
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    assert ("POST", "/token") in fake_google.calls[-3:]


def test_token_past_its_expiry_is_refreshed_before_upload(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    Connection.objects.filter(user=alice).update(expires_at=timezone.now() - timedelta(hours=1))
    fake_google.oauth.expire_access_tokens()
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    assert Connection.objects.get(user=alice).expires_at > timezone.now()


def test_revoked_grant_asks_to_reconnect_and_nothing_is_lost(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    fake_google.oauth.revoke_everything()
    delivery = _save(alice)
    assert delivery.status == Delivery.Status.NEEDS_RECONNECT
    assert "Reconnect Google Drive" in delivery.message
    connect(alice_client, "gdrive", next_url=f"/deliveries/{delivery.id}/")
    alice_client.post(f"/deliveries/{delivery.id}/retry/")
    delivery.refresh_from_db()
    assert delivery.status == "done"
    assert fake_google.files[0]["data"] == EPUB


def test_network_down_fails_clearly_and_retry_works(alice_client, alice, fake_google, settings):
    connect(alice_client, "gdrive")
    settings.SECONDTRACK_GOOGLE_DRIVE_API_URL = closed_port_url()
    delivery = _save(alice)
    assert delivery.status == Delivery.Status.FAILED
    assert "could not be reached" in delivery.message
    settings.SECONDTRACK_GOOGLE_DRIVE_API_URL = fake_google.url
    alice_client.post(f"/deliveries/{delivery.id}/retry/")
    delivery.refresh_from_db()
    assert delivery.status == "done"


def test_disconnect_revokes_at_google(alice_client, alice, fake_google):
    connect(alice_client, "gdrive")
    alice_client.post("/me/delivery/gdrive/disconnect/")
    assert not Connection.objects.filter(user=alice).exists()
    assert ("POST", "/revoke") in fake_google.calls
    assert fake_google.oauth.refresh == set()
