"""Two-factor sign-in: convenors and admins must enrol an authenticator app, sign-in asks for
its code after the password (web and API), recovery codes work once, others may choose; and
closing, publishing or transmitting asks to confirm it is you when the last sign-in is old."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from secondtrack.access.standing import requires_second_factor
from secondtrack.accounts import reauth, twofactor
from secondtrack.dialogues.models import Session
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.SECONDTRACK_REQUIRE_2FA = True


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + drift * device.step
    return f"{totp.token():0{device.digits}d}"


def unthrottle(device: TOTPDevice) -> None:
    """django-otp delays the next try after a wrong code (1 s, 2 s, 4 s...) on each device:
    a person typing waits that long anyway; the test does not."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user_id=device.user_id).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
    return device, twofactor.new_recovery_codes(user)


def sign_in(client, user):
    response = client.post("/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password step"
    return response


def test_the_policy_requires_it_of_convenors_and_admins_only(world, settings):
    world.alice.is_staff = True
    world.alice.save()
    assert requires_second_factor(world.convenor)
    assert requires_second_factor(world.alice)  # a platform admin
    assert not requires_second_factor(world.bob)
    settings.SECONDTRACK_REQUIRE_2FA = False  # a demo
    assert not requires_second_factor(world.convenor)


def test_a_convenor_without_a_second_factor_is_sent_to_enrol_and_gets_in_after(client, world):
    sign_in(client, world.convenor)
    home = client.get("/")
    assert home.status_code == 302 and home.url.startswith("/account/two-factor/")
    meeting = client.get(f"/meetings/{world.alpha.id}/")
    assert meeting.status_code == 302 and "next=%2Fmeetings%2F" in meeting.url
    page = client.get(meeting.url).content.decode()
    assert "Your role needs a second factor" in page
    assert re.search(r"<svg [^>]*viewBox", page), "the QR code is inline SVG"
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=world.convenor, confirmed=False)
    wrong = client.post("/account/two-factor/", {"action": "confirm", "code": "000000"})
    assert wrong.status_code == 400 and "not right" in wrong.content.decode()
    unthrottle(device)
    done = client.post(
        "/account/two-factor/",
        {"action": "confirm", "code": code_for(device), "next": f"/meetings/{world.alpha.id}/"},
    )
    shown = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", done.content.decode())
    assert len(shown) == 10, "ten recovery codes, shown once"
    assert f'href="/meetings/{world.alpha.id}/"' in done.content.decode()
    assert client.get(f"/meetings/{world.alpha.id}/").status_code == 200
    assert "recovery-codes" not in client.get("/account/two-factor/").content.decode()


def test_an_enrolled_convenor_gives_the_code_after_the_password(client, world):
    device, _ = enrol(world.convenor)
    sign_in(client, world.convenor)
    home = client.get(f"/series/{world.series.id}/")
    assert home.status_code == 302 and home.url.startswith("/login/code/?next=%2Fseries%2F")
    wrong = client.post("/login/code/", {"code": "123456", "next": "/"})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    assert client.get("/").status_code == 302, "still not in"
    unthrottle(device)
    ok = client.post(
        "/login/code/", {"code": code_for(device), "next": f"/series/{world.series.id}/"}
    )
    assert ok.status_code == 302 and ok.url == f"/series/{world.series.id}/"
    assert client.get(f"/series/{world.series.id}/").status_code == 200


def test_a_recovery_code_works_once(client, world):
    _, codes = enrol(world.convenor)
    sign_in(client, world.convenor)
    assert client.post("/login/code/", {"code": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout/")
    sign_in(client, world.convenor)
    assert client.post("/login/code/", {"code": codes[0]}).status_code == 400
    assert twofactor.recovery_codes_left(world.convenor) == 9


def test_a_participant_may_sign_in_with_a_password_only_or_choose_a_second_factor(client, world):
    sign_in(client, world.alice)
    assert client.get("/").status_code == 200
    page = client.get("/account/two-factor/").content.decode()
    assert "optional for you" in page
    device = TOTPDevice.objects.get(user=world.alice, confirmed=False)
    client.post("/account/two-factor/", {"action": "confirm", "code": code_for(device)})
    client.post("/logout/")
    sign_in(client, world.alice)
    assert client.get("/").url.startswith("/login/code/"), "once chosen, it is asked for"
    assert client.post("/login/code/", {"code": code_for(device, drift=1)}).status_code == 302
    removed = client.post("/account/two-factor/", {"action": "remove"})
    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.alice).exists()


def test_a_convenor_cannot_turn_the_second_factor_off(client, world):
    device, _ = enrol(world.convenor)
    sign_in(client, world.convenor)
    client.post("/login/code/", {"code": code_for(device)})
    client.post("/account/two-factor/", {"action": "remove"})
    assert TOTPDevice.objects.filter(user=world.convenor, confirmed=True).exists()


def token(client, user, **extra):
    body = {"email": user.email, "password": PASSWORD, **extra}
    return client.post("/api/auth/token", body, content_type="application/json")


def test_api_tokens_for_a_convenor_need_the_code(client, world):
    assert token(client, world.convenor).status_code == 403  # not enrolled yet
    assert token(client, world.convenor).json()["code"] == "second_factor_required"
    device, codes = enrol(world.convenor)
    missing = token(client, world.convenor)
    assert (missing.status_code, missing.json()["code"]) == (401, "otp_required")
    wrong = token(client, world.convenor, otp="000000")
    assert (wrong.status_code, wrong.json()["code"]) == (401, "otp_wrong")
    unthrottle(device)
    assert token(client, world.convenor, otp=codes[1]).status_code == 200
    assert token(client, world.alice).status_code == 200  # a participant without one


# --- re-authentication -------------------------------------------------------------------


def stale(client, minutes=11):
    session = client.session
    session[reauth.SESSION_KEY] = time.time() - minutes * 60
    session.save()


def test_closing_without_recent_authentication_asks_to_confirm_first(client, world, settings):
    settings.SECONDTRACK_REQUIRE_2FA = False  # this test is about the password
    session = Session.objects.get(meeting=world.alpha)
    client.force_login(world.convenor)
    stale(client)
    url = f"/sessions/{session.id}/close/"
    refused = client.post(
        url, {"confirm": "on"}, HTTP_REFERER=f"http://testserver/sessions/{session.id}/"
    )
    assert refused.status_code == 302
    assert refused.url == f"/account/confirm/?next=%2Fsessions%2F{session.id}%2F"
    session.refresh_from_db()
    assert session.status != "closed"
    page = client.get(refused.url).content.decode()
    assert "To close this session, confirm it is you" in page
    wrong = client.post(refused.url, {"password": "not it"})
    assert wrong.status_code == 400
    back = client.post(refused.url, {"password": PASSWORD})
    assert back.url == f"/sessions/{session.id}/"
    assert client.post(url, {"confirm": "on"}).status_code == 302
    session.refresh_from_db()
    assert session.status == "closed"


def test_a_code_also_confirms(client, world):
    device, _ = enrol(world.convenor)
    sign_in(client, world.convenor)
    client.post("/login/code/", {"code": code_for(device)})
    stale(client)
    assert not reauth.is_recent(_request_for(client))
    client.post("/account/confirm/", {"code": code_for(device, drift=1), "next": "/"})
    assert reauth.is_recent(_request_for(client))


def _request_for(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_a_forced_login_in_tests_is_a_fresh_sign_in(client, world):
    client.force_login(world.convenor)
    assert reauth.is_recent(_request_for(client))


def test_publishing_and_transmitting_pages_ask_too(client, demo, settings):
    settings.SECONDTRACK_REQUIRE_2FA = False
    from secondtrack.accounts.models import User
    from secondtrack.reports.models import Report

    memo = Report.objects.get(kind="memorandum")
    client.force_login(User.objects.get(email="weiling.lim@example.org"))
    stale(client)
    for url in (
        f"/reports/{memo.id}/publish/",
        f"/series/{memo.series_id}/trackone/memoranda/{memo.id}/transmit/",
    ):
        response = client.post(url, {})
        assert response.status_code == 302 and response.url.startswith("/account/confirm/"), url


def test_the_api_asks_for_a_fresh_token(client, world, settings):
    settings.SECONDTRACK_REQUIRE_2FA = False
    from datetime import timedelta

    from django.utils import timezone

    from secondtrack.accounts.models import ApiToken

    session = Session.objects.get(meeting=world.alpha)
    raw = token(client, world.convenor).json()["token"]
    ApiToken.objects.update(created=timezone.now() - timedelta(minutes=11))
    refused = client.post(
        f"/api/sessions/{session.id}/close",
        {"confirm": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert refused.status_code == 401
    assert refused.json()["code"] == "reauth_required"
    assert "POST /api/auth/token" in refused.json()["detail"]
    session.refresh_from_db()
    assert session.status != "closed"


def test_the_demo_prints_what_the_demo_convenor_needs_to_sign_in(client, db, capsys):
    import base64

    from secondtrack.cli import main

    assert main(["demo", "--password", "demo-pass-phrase-1"]) == 0
    out = capsys.readouterr().out
    found = re.search(r"weiling\.lim@example\.org: authenticator key ([A-Z2-7]+)", out)
    assert found, out
    key = base64.b32decode(found.group(1) + "=" * (-len(found.group(1)) % 8))
    recovery = re.search(r"recovery codes ((?:[0-9a-f]{10} ?){10})", out).group(1).split()
    client.post(
        "/login/", {"username": "weiling.lim@example.org", "password": "demo-pass-phrase-1"}
    )
    assert client.get("/").url.startswith("/login/code/")
    totp = TOTP(key)
    assert client.post("/login/code/", {"code": f"{totp.token():06d}"}).status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout/")
    client.post(
        "/login/", {"username": "weiling.lim@example.org", "password": "demo-pass-phrase-1"}
    )
    assert client.post("/login/code/", {"code": recovery[0]}).status_code == 302
    assert client.get("/").status_code == 200
