from datetime import timedelta

from django.db import connection as db
from django.utils import timezone

from secondtrack.delivery.models import Connection, Delivery, PendingFile, PolicyConsent
from secondtrack.delivery.policy import POLICY_VERSION
from secondtrack.delivery.services import deliver
from tests.delivery.conftest import connect
from tests.delivery.fakes import closed_port_url

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _save(user, data=PDF, filename="memorandum.pdf"):
    return deliver(user, "dropbox", filename, data, "application/pdf", "Memorandum")


def test_connect_shows_policy_then_authorises_with_pkce(alice_client, alice, fake_dropbox):
    page = alice_client.get("/me/delivery/dropbox/connect/").content.decode()
    assert POLICY_VERSION in page and "Chatham House Rule" in page
    refused = alice_client.post("/me/delivery/dropbox/connect/", {"next": "/me/delivery/"})
    assert refused.status_code == 200 and "Tick the box" in refused.content.decode()
    assert not PolicyConsent.objects.exists()

    done = connect(alice_client, "dropbox")

    assert done.status_code == 302 and done["Location"] == "/me/delivery/"
    assert fake_dropbox.oauth.verifiers_checked == 1
    consent = PolicyConsent.objects.get(user=alice, provider="dropbox")
    assert consent.version == POLICY_VERSION and consent.agreed_at
    row = Connection.objects.get(user=alice, provider="dropbox")
    assert row.account_label == "Alice Tanaka (alice.dropbox@example.org)"
    assert row.expires_at > timezone.now()


def test_tokens_are_not_stored_in_clear(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    [access] = fake_dropbox.oauth.access
    [refresh] = fake_dropbox.oauth.refresh
    with db.cursor() as cursor:
        cursor.execute("SELECT * FROM delivery_connection")
        row = " ".join(str(v) for v in cursor.fetchone())
    assert access not in row and refresh not in row
    assert access[3:] not in row


def test_callback_with_a_forged_state_connects_nothing(alice_client, alice, fake_dropbox):
    alice_client.post("/me/delivery/dropbox/connect/", {"agree": "on"})
    response = alice_client.get("/me/delivery/dropbox/callback/?code=stolen&state=forged")
    assert response.status_code == 302
    assert not Connection.objects.exists()
    assert fake_dropbox.oauth.verifiers_checked == 0


def test_upload_puts_the_file_in_dropbox_with_its_name(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    assert fake_dropbox.files == {"/memorandum.pdf": PDF}
    assert "memorandum.pdf" in delivery.message
    assert not PendingFile.objects.filter(delivery=delivery).exists()


def test_expired_access_token_is_refreshed(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    before = Connection.objects.get(user=alice).access_token_sealed
    fake_dropbox.oauth.expire_access_tokens()  # the server says expired before we think so
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    assert ("POST", "/oauth2/token") in fake_dropbox.calls[-3:]
    assert Connection.objects.get(user=alice).access_token_sealed != before


def test_token_past_its_expiry_is_refreshed_before_upload(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    Connection.objects.filter(user=alice).update(expires_at=timezone.now() - timedelta(hours=1))
    fake_dropbox.oauth.expire_access_tokens()
    delivery = _save(alice)
    assert delivery.status == "done", delivery.message
    assert Connection.objects.get(user=alice).expires_at > timezone.now()


def test_revoked_authorisation_asks_to_reconnect_then_retry_delivers(
    alice_client, alice, fake_dropbox
):
    connect(alice_client, "dropbox")
    fake_dropbox.oauth.revoke_everything()
    Connection.objects.filter(user=alice).update(expires_at=timezone.now() - timedelta(hours=1))
    delivery = _save(alice)
    assert delivery.status == Delivery.Status.NEEDS_RECONNECT
    assert "Reconnect Dropbox" in delivery.message
    page = alice_client.get(f"/deliveries/{delivery.id}/").content.decode()
    assert f"/me/delivery/dropbox/connect/?next=%2Fdeliveries%2F{delivery.id}%2F" in page
    assert "Retry" in page

    back = connect(alice_client, "dropbox", next_url=f"/deliveries/{delivery.id}/")
    assert back["Location"] == f"/deliveries/{delivery.id}/"
    response = alice_client.post(f"/deliveries/{delivery.id}/retry/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "done"
    assert fake_dropbox.files["/memorandum.pdf"] == PDF


def test_network_down_fails_clearly_and_retry_works_later(
    alice_client, alice, fake_dropbox, settings
):
    connect(alice_client, "dropbox")
    settings.SECONDTRACK_DROPBOX_CONTENT_URL = closed_port_url()
    delivery = _save(alice)
    assert delivery.status == Delivery.Status.FAILED
    assert (
        delivery.message
        == "Dropbox could not be reached. Nothing is lost: press Retry in a moment."
    )
    assert PendingFile.objects.filter(delivery=delivery).exists()

    settings.SECONDTRACK_DROPBOX_CONTENT_URL = fake_dropbox.url
    alice_client.post(f"/deliveries/{delivery.id}/retry/")
    delivery.refresh_from_db()
    assert delivery.status == "done"


def test_not_connected_waits_for_the_reader(alice, fake_dropbox):
    delivery = _save(alice)
    assert delivery.status == Delivery.Status.NEEDS_RECONNECT
    assert "Connect your Dropbox" in delivery.message


def test_disconnect_revokes_at_dropbox_and_deletes_here(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    response = alice_client.post("/me/delivery/dropbox/disconnect/")
    assert response.status_code == 302
    assert not Connection.objects.filter(user=alice).exists()
    assert ("POST", "/2/auth/token/revoke") in fake_dropbox.calls
    assert fake_dropbox.oauth.access == {} and fake_dropbox.oauth.refresh == set()


def test_disconnect_is_refused_over_get(alice_client, alice, fake_dropbox):
    connect(alice_client, "dropbox")
    assert alice_client.get("/me/delivery/dropbox/disconnect/").status_code == 405
    assert Connection.objects.filter(user=alice).exists()
