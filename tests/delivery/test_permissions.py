from django.test import Client

from secondtrack.delivery.models import Connection
from secondtrack.delivery.services import deliver
from tests.delivery.conftest import connect
from tests.factories import PASSWORD


def _alice_delivery(alice):
    # Not connected: the delivery waits for Alice, with her file kept.
    return deliver(alice, "dropbox", "memo.pdf", b"%PDF-1.7 memo", "application/pdf", "Memo")


def test_another_reader_cannot_see_or_retry_a_delivery(client, alice, bob, fake_dropbox):
    delivery = _alice_delivery(alice)
    client.force_login(bob)
    assert client.get(f"/deliveries/{delivery.id}/").status_code == 404
    assert client.get(f"/deliveries/{delivery.id}/status/").status_code == 404
    assert client.post(f"/deliveries/{delivery.id}/retry/").status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == "needs_reconnect"


def test_the_owner_sees_their_delivery(client, alice, fake_dropbox):
    delivery = _alice_delivery(alice)
    client.force_login(alice)
    page = client.get(f"/deliveries/{delivery.id}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Connect your Dropbox account" in content
    assert ">Connect Dropbox</a>" in content


def test_anonymous_visitors_are_sent_to_log_in(client, alice, fake_dropbox):
    delivery = _alice_delivery(alice)
    response = client.get(f"/deliveries/{delivery.id}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/me/delivery/").status_code == 302


def test_api_hides_another_readers_delivery(client, alice, bob, fake_dropbox):
    delivery = _alice_delivery(alice)
    token = client.post(
        "/api/auth/token",
        {"email": bob.email, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    response = client.get(f"/api/deliveries/{delivery.id}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404


def test_a_reader_sees_and_disconnects_only_their_own_connection(client, alice, bob, fake_dropbox):
    client.force_login(alice)
    connect(client, "dropbox")
    other = Client()
    other.force_login(bob)
    page = other.get("/me/delivery/").content.decode()
    assert "alice.dropbox@example.org" not in page
    assert "Connect Dropbox" in page
    other.post("/me/delivery/dropbox/disconnect/")
    assert Connection.objects.filter(user=alice).exists()
    assert ("POST", "/2/auth/token/revoke") not in fake_dropbox.calls


def test_unknown_provider_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/me/delivery/icloud/connect/").status_code == 404
