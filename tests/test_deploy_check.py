"""The production environment documented in docs/operators.md passes Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "dialogue.example.org",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECONDTRACK_PASSKEY_DOMAIN": "dialogue.example.org",
    "SECONDTRACK_PASSKEY_ORIGINS": "https://dialogue.example.org",
}


def check_deploy(tmp_path, extra: dict) -> subprocess.CompletedProcess:
    # Not DJANGO_SETTINGS_MODULE (the test settings) nor DJANGO_ALLOW_ASYNC_UNSAFE (set for
    # the browser tests): the check must see what a production process sees.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(SECONDTRACK_DATA_DIR=str(tmp_path), **extra)
    return subprocess.run(
        [sys.executable, "-m", "secondtrack.cli", "manage", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    done = check_deploy(tmp_path, PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout + done.stderr


def test_the_embedded_default_is_warned_about_https(tmp_path):
    done = check_deploy(tmp_path, {"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert "SECURE_HSTS_SECONDS" in done.stdout + done.stderr


def test_a_passkey_domain_no_allowed_host_is_on_is_warned_about(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("SECONDTRACK_PASSKEY")}
    done = check_deploy(tmp_path, env)
    assert "secondtrack.W001" in done.stdout + done.stderr
    assert "'localhost'" in done.stdout + done.stderr
