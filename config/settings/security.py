"""Security headers, cookies, sessions, proxies, login throttling and the CSP."""

import datetime

from .base import SECURE, env

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
