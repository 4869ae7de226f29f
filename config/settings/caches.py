"""The shared cache: the database by default, Redis with REDIS_URL, and a breaker that
stops asking a failing cache for a while (core/cache.py)."""

from .base import env

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

# After CACHE_BREAKER_FAILURES failed cache calls in a row, a process stops asking the
# cache for CACHE_BREAKER_SECONDS and serves from the database (core/cache.py).
CACHE_BREAKER_FAILURES = env.int("CACHE_BREAKER_FAILURES", default=3)
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=10.0)
