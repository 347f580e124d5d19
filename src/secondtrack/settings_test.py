"""Test settings: the production settings with a fast hasher and in-memory e-mail."""

from secondtrack.settings import *  # noqa: F403

AXES_ENABLED = False  # tests of throttling turn it on (tests/accounts/test_throttling.py)
SECONDTRACK_LINK_THROTTLING = False  # likewise
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
SECONDTRACK_TASKS = "inline"  # deliveries finish within the request, so tests can assert them
# Batches of one, released at once: tests that are about batching turn these up.
SECONDTRACK_BATCH_SECONDS = 0
SECONDTRACK_BATCH_SIZE = 1
SECONDTRACK_BATCH_TICK_SECONDS = 1
