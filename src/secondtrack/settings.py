"""The one settings module: everything comes from the environment, with safe embedded defaults."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from secondtrack.env import EnvError, envbool, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("SECONDTRACK_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)


def _secret_key() -> str:
    from_env = envstr("SECRET_KEY")
    if from_env:
        return from_env
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # throttles sign-in: see AXES_* below
    "django_tasks",  # the Django Tasks API (backport of Django 6's django.tasks)
    "django_tasks_db",  # tasks recorded in the database, claimed by workers (SECONDTRACK_TASKS)
    "ninja",  # serves Swagger UI for /api/docs from local static files (no CDN, CSP-clean)
    "django_otp",  # two-factor sign-in: see accounts/twofactor.py
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # passkeys as a second factor: see accounts/passkeys.py
    "secondtrack.accounts",
    "secondtrack.registry",
    "secondtrack.dialogues",
    "secondtrack.analytics",
    "secondtrack.record",
    "secondtrack.balloons",
    "secondtrack.delivery",
    "secondtrack.reports",
    "secondtrack.trackone",
    "secondtrack.notifications",
    "secondtrack.audit",
    "secondtrack.idempotency",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "secondtrack.api.middleware.JsonErrorsForApi",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # a session that owes its second sign-in step reaches only the sign-in pages
    "secondtrack.accounts.twofactor.SecondFactorMiddleware",
    "secondtrack.audit.services.ActorMiddleware",  # who acts, for the audit log
    # the person's language (their profile, else the switcher's cookie, else Accept-Language)
    # and time zone; after authentication, since both are on the user
    "secondtrack.accounts.middleware.PersonLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the "try again" page
    # POSTs with an Idempotency-Key (header or form field): a retry gets the first answer
    "secondtrack.idempotency.middleware.IdempotencyMiddleware",
]

ROOT_URLCONF = "secondtrack.urls"
ASGI_APPLICATION = "secondtrack.asgi.application"
WSGI_APPLICATION = "secondtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# However SQLite is configured (the default file or DATABASE_URL=sqlite:///...): WAL, writes
# that take the lock up front (no "database is locked" half-way through a transaction), and
# a busy timeout so that concurrent writers wait their turn instead of failing.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": envint("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
}


def _database() -> dict:
    url = envstr("DATABASE_URL")
    if url:
        db = dj_database_url.parse(url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0))
    else:
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "secondtrack.sqlite3"}
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["OPTIONS"] = {**SQLITE_OPTIONS, **db.get("OPTIONS", {})}
    elif db["ENGINE"] == "django.db.backends.postgresql" and envbool("DATABASE_POOL", True):
        # A bounded pool per process (psycopg-pool): requests, socket consumers and task
        # threads share at most MAX_SIZE connections; one that finds none free waits up to
        # TIMEOUT seconds instead of opening another ("too many clients already").
        if db.get("CONN_MAX_AGE"):
            raise EnvError(
                "DATABASE_CONN_MAX_AGE must be 0 with DATABASE_POOL: the pool keeps them."
            )
        db["OPTIONS"] = {
            **db.get("OPTIONS", {}),
            "pool": {
                "min_size": envint("DATABASE_POOL_MIN_SIZE", 2),
                "max_size": envint("DATABASE_POOL_MAX_SIZE", 10),
                "timeout": envint("DATABASE_POOL_TIMEOUT", 10),
            },
        }
    return db


DATABASES = {"default": _database()}
# Requests inside Django at once per server process (secondtrack/bounded.py); the others
# wait their turn. Default: what the PostgreSQL pool leaves beside two task threads, else 8.
_POOL = DATABASES["default"].get("OPTIONS", {}).get("pool")
SECONDTRACK_MAX_CONCURRENT_REQUESTS = envint(
    "SECONDTRACK_MAX_CONCURRENT_REQUESTS", max(2, _POOL["max_size"] - 2) if _POOL else 8
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (django-axes), per account and per address: after this many failures
# either is refused for the cool-off, with the same answer for unknown e-mail and wrong
# password. Successful sign-ins are not logged, and axes logs no usernames (AXES_VERBOSE).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("SECONDTRACK_SIGNIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("SECONDTRACK_SIGNIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # what the login form and the API pass, not USERNAME_FIELD
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "secondtrack.accounts.throttling.locked_out"
# Links from e-mails (invitation, Track One recipient): an address presenting this many
# unusable links, or one link posted to this many times, waits the cool-off (429).
SECONDTRACK_LINK_THROTTLING = envbool("SECONDTRACK_LINK_THROTTLING", True)
SECONDTRACK_LINK_FAILURES = envint("SECONDTRACK_LINK_FAILURES", 10)
SECONDTRACK_LINK_POSTS = envint("SECONDTRACK_LINK_POSTS", 30)
SECONDTRACK_LINK_COOLOFF_MINUTES = envint("SECONDTRACK_LINK_COOLOFF_MINUTES", 15)

# Two-factor sign-in (django-otp): required for convenors and platform admins (the policy,
# access.standing.requires_second_factor), unless turned off for a demo; and re-authentication
# within this many minutes before closing, publishing, transmitting and merging.
SECONDTRACK_REQUIRE_2FA = envbool("SECONDTRACK_REQUIRE_2FA", True)
SECONDTRACK_REAUTH_MINUTES = envint("SECONDTRACK_REAUTH_MINUTES", 10)
OTP_TOTP_ISSUER = envstr("SECONDTRACK_OTP_ISSUER", "secondtrack")
# Passkeys (django-otp-webauthn), a second factor only: never instead of the password. A
# passkey belongs to one domain (an IP address cannot be one, so the embedded default is used
# at http://localhost:8000 for passkeys); a request's own origin on that domain (or a
# subdomain) is accepted as well as those listed.
OTP_WEBAUTHN_RP_ID = envstr("SECONDTRACK_PASSKEY_DOMAIN", "localhost")
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist("SECONDTRACK_PASSKEY_ORIGINS", ["http://localhost:8000"])
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "secondtrack.accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "secondtrack.passkeys"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Languages a person may choose (docs/translating.md says how to add one); each name is
# written in its own language, as the switcher shows it.
LANGUAGES = [
    ("en-gb", "English"),
    ("zh-hans", "简体中文"),
    ("ja", "日本語"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind HTTPS in production (docs/operators.md): redirect plain HTTP, and tell browsers to
# use HTTPS only. Off in the embedded default, which serves http://127.0.0.1.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if envbool("SECURE_PROXY_SSL_HEADER", False):  # a reverse proxy terminates TLS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
    }
}

EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "secondtrack <noreply@localhost>")
# Without an SMTP host the embedded default writes e-mails to files in the data folder.
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    # 0600 files in a 0700 folder, single-use links withheld (notifications/filemail.py)
    EMAIL_BACKEND = "secondtrack.notifications.filemail.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"

INVITATION_DAYS = envint("SECONDTRACK_INVITATION_DAYS", 14)
API_TOKEN_DAYS = envint("SECONDTRACK_API_TOKEN_DAYS", 30)

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "secondtrack"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Session keys that unseal authorship live outside the database (see record/keystore.py).
SECONDTRACK_KEYSTORE = envstr("SECONDTRACK_KEYSTORE", "redis" if REDIS_URL else "file")
# The file key store lives apart from the data folder, so that a backup of the data folder
# (the database) never holds the keys that could link a statement to its author. Default:
# the user's state folder, one subfolder per data folder. A key folder inside the data
# folder is refused unless SECONDTRACK_KEYS_BESIDE_DATA=true says it was meant.
_STATE_HOME = Path(envstr("XDG_STATE_HOME", str(Path.home() / ".local" / "state")))
_KEYS_DEFAULT = (
    _STATE_HOME / "secondtrack" / "keys" / hashlib.sha256(str(DATA_DIR).encode()).hexdigest()[:16]
)
SECONDTRACK_KEY_DIR = Path(envstr("SECONDTRACK_KEY_DIR", str(_KEYS_DEFAULT))).resolve()
if SECONDTRACK_KEY_DIR.is_relative_to(DATA_DIR) and not envbool(
    "SECONDTRACK_KEYS_BESIDE_DATA", False
):
    raise EnvError(
        f"SECONDTRACK_KEY_DIR ({SECONDTRACK_KEY_DIR}) is inside the data folder ({DATA_DIR}): "
        "a backup of the data folder would then hold the keys of open sessions. Put the keys "
        "elsewhere, or set SECONDTRACK_KEYS_BESIDE_DATA=true if you mean it."
    )
# Smallest opinion group or national/sectoral bloc ever shown.
SECONDTRACK_OPINION_K = envint("SECONDTRACK_OPINION_K", 3)
# From this many people reacting, a balloon's opinion map is recomputed as a task after a
# reaction, and pages show the last map meanwhile (balloons/opinion.py); 0 = never.
SECONDTRACK_OPINION_BACKGROUND_FROM = envint("SECONDTRACK_OPINION_BACKGROUND_FROM", 100)
# Background work (deliveries, mail, rendering, recomputation; see secondtrack/taskqueue):
# tasks are rows in the database, enqueued when the request commits. "embedded" (default): a
# few threads of the server run them at once, so `secondtrack serve` alone delivers;
# "worker": only `secondtrack worker` processes run them; "inline": at once in the caller.
SECONDTRACK_TASKS = envstr("SECONDTRACK_TASKS", "embedded")
if SECONDTRACK_TASKS == "thread":  # the name before the task queue
    SECONDTRACK_TASKS = "embedded"
if SECONDTRACK_TASKS not in {"embedded", "worker", "inline"}:
    raise EnvError(f"SECONDTRACK_TASKS={SECONDTRACK_TASKS!r}: use embedded, worker or inline.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if SECONDTRACK_TASKS == "inline"
        else "django_tasks_db.DatabaseBackend"
    }
}
SECONDTRACK_TASK_THREADS = envint("SECONDTRACK_TASK_THREADS", 2)  # embedded runner's threads
# A task (or delivery) claimed by a process that then died is taken again after this long.
SECONDTRACK_TASK_LEASE_SECONDS = envint("SECONDTRACK_TASK_LEASE_SECONDS", 300)
SECONDTRACK_TASK_ATTEMPTS = envint("SECONDTRACK_TASK_ATTEMPTS", 5)  # then it stays failed
# Lifetime of the no-account link sent with a memorandum to a Track One body.
SECONDTRACK_RECIPIENT_LINK_DAYS = envint("SECONDTRACK_RECIPIENT_LINK_DAYS", 90)
# A description that fits fewer than k participants is a quasi-identifier.
SECONDTRACK_ATTRIBUTION_K = envint("SECONDTRACK_ATTRIBUTION_K", 3)
# Small non-attributed rooms (design §3): new contributions reach the others in shuffled
# batches of at least BATCH_SIZE, at most one batch every BATCH_SECONDS; connected pages
# check for a due batch every BATCH_TICK_SECONDS.
SECONDTRACK_BATCH_SECONDS = envint("SECONDTRACK_BATCH_SECONDS", 60)
SECONDTRACK_BATCH_SIZE = envint("SECONDTRACK_BATCH_SIZE", 3)
SECONDTRACK_BATCH_TICK_SECONDS = envint("SECONDTRACK_BATCH_TICK_SECONDS", 5)
if (
    SECONDTRACK_BATCH_SECONDS < 0
    or SECONDTRACK_BATCH_SIZE < 1
    or SECONDTRACK_BATCH_TICK_SECONDS < 1
):
    raise EnvError(
        "SECONDTRACK_BATCH_SECONDS must be 0 or more, SECONDTRACK_BATCH_SIZE and "
        "SECONDTRACK_BATCH_TICK_SECONDS 1 or more."
    )
CONTRIBUTION_MAX_CHARS = envint("SECONDTRACK_CONTRIBUTION_MAX_CHARS", 10_000)
# Flash messages live in a signed cookie, never in the session table, so that posting
# leaves no dated trace of who was active.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Logs carry no contribution text, names or IP addresses: only method, path and status.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Delivery (secondtrack.delivery; see docs/delivery.md) ---------------------------------
# A channel whose credentials are unset is shown as "not configured on this server".
# Kindle needs EMAIL_HOST (above); Dropbox needs DROPBOX_APP_KEY (PKCE: the secret is optional).
DROPBOX_APP_KEY = envstr("DROPBOX_APP_KEY")
DROPBOX_APP_SECRET = envstr("DROPBOX_APP_SECRET")
GOOGLE_CLIENT_ID = envstr("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = envstr("GOOGLE_CLIENT_SECRET")
# Provider endpoints: the real ones by default; tests point them at local fakes.
SECONDTRACK_DROPBOX_API_URL = envstr("SECONDTRACK_DROPBOX_API_URL", "https://api.dropboxapi.com")
SECONDTRACK_DROPBOX_CONTENT_URL = envstr(
    "SECONDTRACK_DROPBOX_CONTENT_URL", "https://content.dropboxapi.com"
)
SECONDTRACK_DROPBOX_OAUTH_URL = envstr("SECONDTRACK_DROPBOX_OAUTH_URL", "https://www.dropbox.com")
SECONDTRACK_GOOGLE_AUTH_URI = envstr(
    "SECONDTRACK_GOOGLE_AUTH_URI", "https://accounts.google.com/o/oauth2/auth"
)
SECONDTRACK_GOOGLE_TOKEN_URI = envstr(
    "SECONDTRACK_GOOGLE_TOKEN_URI", "https://oauth2.googleapis.com/token"
)
SECONDTRACK_GOOGLE_REVOKE_URI = envstr(
    "SECONDTRACK_GOOGLE_REVOKE_URI", "https://oauth2.googleapis.com/revoke"
)
SECONDTRACK_GOOGLE_DRIVE_API_URL = envstr(
    "SECONDTRACK_GOOGLE_DRIVE_API_URL", "https://www.googleapis.com"
)
SECONDTRACK_DELIVERY_MAX_BYTES = envint("SECONDTRACK_DELIVERY_MAX_BYTES", 100 * 1024 * 1024)
# Files of deliveries still not done after this many days are deleted.
SECONDTRACK_DELIVERY_KEEP_DAYS = envint("SECONDTRACK_DELIVERY_KEEP_DAYS", 7)
# The OAuth libraries log request bodies (codes, verifiers, secrets) at DEBUG: keep them quiet.
LOGGING["loggers"].update(
    {"oauthlib": {"level": "WARNING"}, "requests_oauthlib": {"level": "WARNING"}}
)
# --- end of delivery ------------------------------------------------------------------------

# --- Notifications (secondtrack.notifications; see docs/operators.md) ----------------------
# Links in notices point here: the address people use to open the platform.
SECONDTRACK_SITE_URL = envstr("SECONDTRACK_SITE_URL", "http://127.0.0.1:8000")
# Sent notices (their bodies already cleared) are forgotten after this many days.
SECONDTRACK_NOTIFICATIONS_KEEP_DAYS = envint("SECONDTRACK_NOTIFICATIONS_KEEP_DAYS", 7)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)  # seconds; an unreachable server fails this fast
