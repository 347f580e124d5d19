"""Passkeys (WebAuthn) as a second factor: a passkey counts as having one, the ceremonies
answer 401 to whoever has not signed in, a person names and removes only their own passkeys
(never a required person's last second factor, and only with a recent sign-in), the audit
log records adding and removing, and the pages offer passkeys only on the passkeys' domain,
with nothing inline. The real ceremony in a browser is tests/browser/test_passkey_journey.py."""

import json
import re
import secrets
import time

import pytest
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from secondtrack.accounts import passkeys, reauth, twofactor
from secondtrack.audit.models import AuditEntry
from tests.factories import PASSWORD

LOCAL = {"HTTP_HOST": "localhost:8000"}
CEREMONIES = [
    "/account/passkeys/registration/begin/",
    "/account/passkeys/registration/complete/",
    "/account/passkeys/authentication/begin/",
    "/account/passkeys/authentication/complete/",
]


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.SECONDTRACK_REQUIRE_2FA = True


def passkey(user, name="Laptop") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=secrets.token_bytes(16),
        public_key=secrets.token_bytes(32),
        aaguid="00000000-0000-0000-0000-000000000000",
    )


def signed_in_with(client, device, fresh=True):
    """A session past both steps, its second one given with `device`."""
    client.force_login(device.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if not fresh:
        session[reauth.SESSION_KEY] = time.time() - 3600
    session.save()


def test_a_passkey_counts_as_a_second_factor(client, world):
    passkey(world.convenor)
    assert twofactor.has_second_factor(world.convenor)
    response = client.post("/login/", {"username": world.convenor.email, "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home.url.startswith("/login/code/"), "not sent to enrol"
    page = client.get(home.url, **LOCAL).content.decode()
    assert 'id="passkey-verification-button"' in page
    assert "Use a passkey" in page


def test_the_ceremonies_answer_401_to_whoever_has_not_signed_in(client, db):
    for path in CEREMONIES:
        response = client.post(path, {}, content_type="application/json", **LOCAL)
        assert response.status_code == 401, path
        assert response.json()["code"] == "not_signed_in"


def test_registration_begins_for_a_signed_in_account_on_the_domain(client, world):
    client.force_login(world.bob)
    response = client.post(CEREMONIES[0], {}, content_type="application/json", **LOCAL)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"]["id"] == "localhost"
    assert options["authenticatorSelection"]["userVerification"]


def test_the_request_origin_on_the_domain_is_accepted_another_is_not(settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]
    here = RequestFactory().get("/", HTTP_HOST="localhost:49152")
    assert "http://localhost:49152" in passkeys.PasskeyHelper(here).get_allowed_origins()
    there = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000")
    assert passkeys.PasskeyHelper(there).get_allowed_origins() == ["http://localhost:8000"]
    assert not passkeys.usable_at(there)


def test_a_first_passkey_gives_recovery_codes_a_name_and_an_audit_entry(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(world.convenor)
    session = client.session
    session["otp_webauthn_register_state"] = {"challenge": "x"}
    session.save()

    def register_complete(self, user, state, data):
        return WebAuthnCredential.objects.create(
            user=user,
            confirmed=True,
            credential_id=b"new",
            public_key=b"key",
            aaguid="00000000-0000-0000-0000-000000000000",
        )

    monkeypatch.setattr(passkeys.PasskeyHelper, "register_complete", register_complete)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(CEREMONIES[1], {}, content_type="application/json", **LOCAL)
    assert done.status_code == 200
    credential = WebAuthnCredential.objects.get(user=world.convenor)
    assert done.json()["id"] == credential.pk
    assert credential.name == "Passkey 1"
    entry = AuditEntry.objects.get(action="passkey_added")
    assert entry.actor == world.convenor and entry.target_id == str(credential.pk)
    page = client.get("/account/two-factor/", **LOCAL).content.decode()
    assert len(re.findall(r"<li><code>[0-9a-f]{10}</code></li>", page)) == 10
    assert "recovery-codes" not in client.get("/account/two-factor/").content.decode()
    assert client.get("/").status_code == 200, "the convenor is in, with a passkey alone"


def test_a_passkey_confirms_it_is_you(client, world, monkeypatch):
    device = passkey(world.convenor)
    signed_in_with(client, device, fresh=False)
    session = client.session
    session["otp_webauthn_authentication_state"] = {"challenge": "x"}
    session.save()
    monkeypatch.setattr(
        passkeys.PasskeyHelper, "authenticate_complete", lambda self, user, state, data: device
    )
    page = client.get("/account/confirm/?next=/account/two-factor/", **LOCAL).content.decode()
    config = json.loads(
        re.search(r'id="otp_webauthn_config" type="application/json">(.*?)</script>', page)[1]
    )
    assert config["completeAuthenticationUrl"].endswith("?confirm=1")
    url = config["completeAuthenticationUrl"] + "&next=/account/two-factor/"
    done = client.post(url, {}, content_type="application/json", **LOCAL)
    assert done.status_code == 200 and done.json()["redirect_url"] == "/account/two-factor/"
    assert time.time() - client.session[reauth.SESSION_KEY] < 60
    after = client.get("/account/two-factor/", **LOCAL).content.decode()
    assert "Now do it again" in after


def test_rename_only_ones_own_passkey(client, world):
    mine = passkey(world.bob)
    theirs = passkey(world.alice, name="Alice's key")
    signed_in_with(client, mine)
    done = client.post(
        "/account/two-factor/",
        {"action": "rename_passkey", "passkey": mine.pk, "name": "  Work   laptop "},
    )
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Work laptop"
    refused = client.post(
        "/account/two-factor/", {"action": "rename_passkey", "passkey": theirs.pk, "name": "x"}
    )
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Alice's key"
    client.post("/account/two-factor/", {"action": "rename_passkey", "passkey": mine.pk})
    mine.refresh_from_db()
    assert mine.name == "Work laptop", "an empty name changes nothing"
    gone = client.post("/account/two-factor/", {"action": "remove_passkey", "passkey": theirs.pk})
    assert gone.status_code == 404 and WebAuthnCredential.objects.filter(pk=theirs.pk).exists()


def test_a_required_convenor_cannot_remove_their_last_second_factor(client, world):
    only = passkey(world.convenor)
    signed_in_with(client, only)
    client.post("/account/two-factor/", {"action": "remove_passkey", "passkey": only.pk})
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()
    app = TOTPDevice.objects.create(user=world.convenor, name=twofactor.TOTP_NAME, confirmed=True)
    client.post("/account/two-factor/", {"action": "remove_app"})
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()
    assert not TOTPDevice.objects.filter(pk=app.pk).exists(), "the passkey is left"
    client.post("/account/two-factor/", {"action": "remove_passkey", "passkey": only.pk})
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()


def test_removing_a_passkey_needs_a_recent_sign_in_and_is_audited(
    client, world, django_capture_on_commit_callbacks
):
    first, second = passkey(world.convenor), passkey(world.convenor, name="Phone")
    twofactor.new_recovery_codes(world.convenor)
    signed_in_with(client, first, fresh=False)
    asked = client.post("/account/two-factor/", {"action": "remove_passkey", "passkey": second.pk})
    assert asked.status_code == 302 and asked.url.startswith("/account/confirm/")
    assert WebAuthnCredential.objects.filter(pk=second.pk).exists()
    session = client.session
    reauth_at = time.time()
    session[reauth.SESSION_KEY] = reauth_at
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/two-factor/", {"action": "remove_passkey", "passkey": second.pk})
    assert not WebAuthnCredential.objects.filter(pk=second.pk).exists()
    entry = AuditEntry.objects.get(action="passkey_removed")
    assert entry.actor == world.convenor and entry.detail == f"passkey {second.pk}"
    assert twofactor.recovery_codes_left(world.convenor) == 10, "a passkey is left"


def test_a_participant_turning_it_off_forgets_passkeys_and_codes(
    client, world, django_capture_on_commit_callbacks
):
    device = passkey(world.bob)
    twofactor.new_recovery_codes(world.bob)
    signed_in_with(client, device)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/two-factor/", {"action": "remove"})
    assert not WebAuthnCredential.objects.filter(user=world.bob).exists()
    assert not StaticDevice.objects.filter(user=world.bob).exists()
    assert AuditEntry.objects.filter(action="passkey_removed", actor=world.bob).count() == 1


def test_the_page_lists_passkeys_with_nothing_inline(client, world):
    device = passkey(world.bob, name="Desk key")
    signed_in_with(client, device)
    page = client.get("/account/two-factor/", **LOCAL).content.decode()
    assert "Desk key" in page and "not used yet" in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    for attributes, body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" not in attributes or not body.strip()
    srcs = [a for a, _ in scripts if "src=" in a]
    assert any("secondtrack/passkeys" in a for a in srcs)
    assert any("django_otp_webauthn/otp_webauthn_register" in a for a in srcs)
    assert srcs.index(next(a for a in srcs if "secondtrack/passkeys" in a)) < srcs.index(
        next(a for a in srcs if "otp_webauthn_register" in a)
    ), "our gettext is there before the library's script runs"
    assert 'id="secondtrack-passkey-words"' in page
    assert "style=" not in page.split("<main", 1)[1]


def test_away_from_the_domain_passkeys_are_not_offered(client, world):
    device = passkey(world.bob)
    signed_in_with(client, device)
    page = client.get("/account/two-factor/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "passkey-register-button" not in page
    assert "use http://localhost:8000 instead" in page


def test_the_words_of_the_librarys_script_are_translated(client, world):
    device = passkey(world.bob)
    world.bob.language = "ja"
    world.bob.save()
    signed_in_with(client, device)
    page = client.get("/account/two-factor/", **LOCAL).content.decode()
    words = json.loads(
        re.search(r'id="secondtrack-passkey-words" type="application/json">(.*?)</script>', page)[1]
    )
    assert set(words) == set(passkeys.SCRIPT_WORDS)
    assert words["Registration successful!"] != "Registration successful!"
