"""Settings for the medborgarlöften portal, read from the environment.

Every variable is documented in `.env.example`. The defaults make a fresh clone work
on a laptop: SQLite under `var/`, DEBUG off, a generated secret key kept under `var/`.
Production switches (HTTPS, secret key, hosts) are set by environment, never in code.
"""

import datetime
import secrets
from email.utils import getaddresses
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Behind HTTPS (production): secure cookies, HSTS, redirect to https.
SECURE = env.bool("DJANGO_SECURE", default=False)


def _local_secret_key() -> str:
    """A random key kept under var/ so sessions survive restarts on a laptop."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if SECURE:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_SECURE is on.")
    SECRET_KEY = _local_secret_key()

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The public address, used in e-mails, feeds and the sitemap when no request is at hand.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Medborgarlöften"
# Shown where the portal itself cannot help, such as the page saying the database is down.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="medborgarloften@example.se")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "csp",
    "simple_history",
    "axes",
    # Bottom to top: shared pieces, the domain apps, then the public site. alerts comes
    # before accessibility only because its purge_personal_data command extends theirs.
    "core",
    "outbox",
    "alerts",
    "municipalities",
    "promises",
    "followup",
    "accessibility",
    "search",  # site search: one index over the public content
    "portal",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.MethodPagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.PageCacheMiddleware",  # cached pages: answered before sessions
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.AbsoluteSessionTimeoutMiddleware",
    "core.kept_posts.KeepExpiredPostMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL decides the database; SQLite under var/ is the embedded default.
# A database that hangs must not hold a request: connecting gives up after
# DATABASE_CONNECT_TIMEOUT seconds, a statement after DATABASE_STATEMENT_TIMEOUT (the
# server cancels it), and any wait on an open connection one second after that
# (core/postgres/base.py: a frozen server never cancels anything). The 503 page answers.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=3.0)
DATABASE_WAIT_SECONDS = DATABASE_STATEMENT_TIMEOUT + 1 if DATABASE_STATEMENT_TIMEOUT else 0
DATABASES = {
    "default": database_settings(
        env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", default=60),
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        statement_timeout=DATABASE_STATEMENT_TIMEOUT,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every process sees: the database by default (correct with several gunicorn
# workers), Redis when REDIS_URL is set (several servers).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis with short socket timeouts and a circuit breaker (core/cache.py): a
            # Redis that hangs costs a page a fraction of a second, then nothing.
            "BACKEND": "core.cache.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mbl",
            "OPTIONS": {
                "socket_timeout": env.float("REDIS_SOCKET_TIMEOUT", default=0.25),
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
            },
        }
    }
    # Rate-limit counters (core/throttle.py) under a prefix of their own.
    CACHES["counters"] = {**CACHES["default"], "KEY_PREFIX": "mbl-counters"}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Room for every page of the site and its feeds; a full table drops a
            # quarter of its rows (Django's default, 300 rows and a third, evicted pages
            # as fast as they were rendered).
            "OPTIONS": {
                "MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=20000),
                "CULL_FREQUENCY": 4,
            },
        },
        # Rate-limit counters in a table of their own, so pages filling the page cache
        # never cull them (core/throttle.py).
        "counters": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache_counters",
            "OPTIONS": {"MAX_ENTRIES": 100000, "CULL_FREQUENCY": 4},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates are read ISO or day first, never month first (Django's Swedish locale has
# "%m/%d/%Y"); config/formats/sv hands this list to the locale. core/dates.py does the same.
FORMAT_MODULE_PATH = ["config.formats"]
# The project's Swedish wording for Django's and django-simple-history's admin texts
# (one word for delete; simple-history has no Swedish): locale/sv/LC_MESSAGES/django.po.
LOCALE_PATHS = [BASE_DIR / "locale"]
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d/%m %Y", "%d-%m-%Y"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed files with hashed names, served by whitenoise with far-future caching.
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}

# E-mail: console by default; SMTP (or any backend) from the environment.
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Medborgarlöften <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# After CACHE_BREAKER_FAILURES failed cache calls in a row, a process stops asking the
# cache for CACHE_BREAKER_SECONDS and serves from the database (core/cache.py).
CACHE_BREAKER_FAILURES = env.int("CACHE_BREAKER_FAILURES", default=3)
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=10.0)

# --- Security --------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Coordinators are logged out after an idle hour and at the latest after a working day.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env.int("DJANGO_SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
# The admin warns this long before either limit, with a button to extend (WCAG 2.2.1).
SESSION_WARNING_SECONDS = env.int("DJANGO_SESSION_WARNING_SECONDS", default=3 * 60)
# An admin form sent after the session ended is kept this long for its user to send
# again after logging in (core/kept_posts.py).
KEPT_POST_SECONDS = env.int("DJANGO_KEPT_POST_SECONDS", default=30 * 60)

if SECURE:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are only sent over HTTPS, to this host, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# How many trusted reverse proxies append to X-Forwarded-For (core/net.py).
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
# The proxies' own addresses (or networks): X-Forwarded-For is believed only from them.
# The same list gunicorn trusts for X-Forwarded-Proto unless given separately.
TRUSTED_PROXIES = env.list(
    "DJANGO_TRUSTED_PROXIES",
    default=[
        p for p in env.str("GUNICORN_FORWARDED_ALLOW_IPS", default="127.0.0.1").split(",") if p
    ],
)

# Admin login throttling (django-axes): a username is locked from one address after
# repeated failures, for a cool-off period, never permanently and never for a whole
# municipal network sharing one address. Attempts live in the shared database, so the
# lock holds on every server.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}

LOGIN_URL = "admin:login"
# A failed CSRF check answers in Swedish, in the layout, with the form's text given back.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Server errors are mailed to ADMINS ("Namn <adress>, …"), sent outside the failing
# request (core/logging.py). LOG_FORMAT=json writes one JSON object per line.
ADMINS = [(name or addr, addr) for name, addr in getaddresses(env.list("ADMINS", default=[]))]
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "core.logging.BackgroundAdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"handlers": ["console", "mail_admins"], "propagate": False},
    },
}


# --- Accessibility requests (accessibility/) -------------------------------------------
# Who is e-mailed about new barrier reports and format requests.
ACCESSIBILITY_EDITOR_EMAILS = env.list(
    "ACCESSIBILITY_EDITOR_EMAILS", default=["tillganglighet@localhost"]
)
# Accepted submissions per hour from one address before the forms answer 429.
ACCESSIBILITY_RATE_LIMIT_PER_HOUR = env.int("ACCESSIBILITY_RATE_LIMIT_PER_HOUR", default=10)

# Search (search/): searches per client address and minute (0 = no limit, as the
# benchmark runs it from one address), and the longest a search statement may run.
SEARCH_RATE_LIMIT_PER_MINUTE = env.int("SEARCH_RATE_LIMIT_PER_MINUTE", default=60)
SEARCH_STATEMENT_TIMEOUT_MS = env.int("SEARCH_STATEMENT_TIMEOUT_MS", default=500)
# A form sent faster than this (seconds, capped at 5) is kept in quarantine for an editor.
ACCESSIBILITY_MIN_FILL_SECONDS = env.int("ACCESSIBILITY_MIN_FILL_SECONDS", default=3)
# Name and e-mail address are erased this many days after a request is closed.
ACCESSIBILITY_PURGE_AFTER_DAYS = env.int("ACCESSIBILITY_PURGE_AFTER_DAYS", default=90)
# Attempts before an outbox e-mail is marked failed (an editor can retry it in the admin).
ACCESSIBILITY_EMAIL_MAX_ATTEMPTS = env.int("ACCESSIBILITY_EMAIL_MAX_ATTEMPTS", default=5)
# Who is responsible for the site, as the accessibility statement names them (DIGG's
# template), with phone and post besides e-mail, and when the site was first published.
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Polismyndigheten")
ORGANISATION_PHONE = env.str("ORGANISATION_PHONE", default="114 14")
ORGANISATION_POSTAL_ADDRESS = env.str(
    "ORGANISATION_POSTAL_ADDRESS", default="Polismyndigheten, Box 12256, 102 26 Stockholm"
)
SITE_PUBLISHED_ON = datetime.date.fromisoformat(env.str("SITE_PUBLISHED_ON", default="2026-11-21"))

# --- Outbox (outbox/) and alerts (alerts/) ----------------------------------------------
# Attempts before a queued e-mail is marked failed and counted for the editors.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
# Days a confirmation link works; unconfirmed addresses are erased after that.
ALERTS_CONFIRM_DAYS = env.int("ALERTS_CONFIRM_DAYS", default=7)
# Confirmation e-mails one address can get per 24 hours, whoever asks.
ALERTS_CONFIRMATIONS_PER_DAY = env.int("ALERTS_CONFIRMATIONS_PER_DAY", default=3)
# --- Open data (opendata/) ------------------------------------------------------------
# The publisher in the DCAT-AP-SE catalogue (/datasets/dcat): its name and its 10-digit
# organisation number, which dataportal.se turns into http://dataportal.se/organisation/SE<nr>.
OPENDATA_PUBLISHER_NAME = env.str("OPENDATA_PUBLISHER_NAME", default="Medborgarlöften")
OPENDATA_PUBLISHER_ORGNR = env.str("OPENDATA_PUBLISHER_ORGNR", default="2021000000")
if not (len(OPENDATA_PUBLISHER_ORGNR) == 10 and OPENDATA_PUBLISHER_ORGNR.isdigit()):
    raise ImproperlyConfigured("OPENDATA_PUBLISHER_ORGNR must be 10 digits, no hyphen.")
# The contact point for questions about the data (kept apart from the publisher).
OPENDATA_CONTACT_NAME = env.str("OPENDATA_CONTACT_NAME", default="Medborgarlöften, öppna data")
OPENDATA_CONTACT_EMAIL = env.str("OPENDATA_CONTACT_EMAIL", default=CONTACT_EMAIL)
# API requests per minute from one client address before it answers 429.
OPENDATA_API_RATE_LIMIT_PER_MINUTE = env.int("OPENDATA_API_RATE_LIMIT_PER_MINUTE", default=120)

# --- Tertial reminders (followup/reminders.py) -------------------------------------------
# Days before a tertial ends that coordinators get the first reminder, and days after it
# ended that they are reminded again while the follow-up is missing or still a draft.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=14)
REMINDER_DAYS_AFTER = env.list("REMINDER_DAYS_AFTER", cast=int, default=[7, 30])
