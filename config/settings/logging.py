"""Logging: plain or JSON lines, server errors mailed to ADMINS outside the request."""

from email.utils import getaddresses

from .base import env

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
