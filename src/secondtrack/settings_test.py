"""Test settings: the production settings with a fast hasher and in-memory e-mail."""

from secondtrack.settings import *  # noqa: F403

AXES_ENABLED = False  # tests of throttling turn it on (tests/accounts/test_throttling.py)
SECONDTRACK_LINK_THROTTLING = False  # likewise
# Tests sign convenors in with client.force_login (one step); the two-factor tests turn the
# requirement on (tests/accounts/test_two_factor.py). A forced login counts as a fresh
# authentication for the re-authentication check, as any sign-in does.
SECONDTRACK_REQUIRE_2FA = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
SECONDTRACK_TASKS = "inline"  # deliveries finish within the request, so tests can assert them
# Batches of one, released at once: tests that are about batching turn these up.
SECONDTRACK_BATCH_SECONDS = 0
SECONDTRACK_BATCH_SIZE = 1
SECONDTRACK_BATCH_TICK_SECONDS = 1
