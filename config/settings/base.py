"""The Django core of the settings: environment, apps, middleware, templates, database,
languages, static files and e-mail. Read from the environment (config/settings/__init__.py)."""

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.database import database_settings
from core.languages import add_language_info, languages_from

BASE_DIR = Path(__file__).resolve().parent.parent.parent
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
    # The language from the path (/en/…), before anything renders or resolves a page.
    "core.languages.PathLanguageMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish is the site's language; the others live under their prefix (/en/…) with the
# same slugs (core/languages.py). Finnish ("sv,en,fi") waits for a native speaker's review
# of locale/fi (docs/sprak.md). Each language is named in itself.
LANGUAGE_CODE = "sv"
LANGUAGES = languages_from(env.str("DJANGO_LANGUAGES", default="sv,en"))
# meänkieli and the Sami languages, which Django has no data for.
add_language_info()
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates are read ISO or day first, never month first (Django's Swedish locale has
# "%m/%d/%Y"); config/formats/sv hands this list to the locale. core/dates.py does the same.
FORMAT_MODULE_PATH = ["config.formats"]
# The project's Swedish wording for Django's and django-simple-history's admin texts
# (one word for delete; simple-history has no Swedish): locale/sv/LC_MESSAGES/django.po;
# the interface in English and Finnish: locale/en and locale/fi (docs/sprak.md).
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
