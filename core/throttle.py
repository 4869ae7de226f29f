"""Counters per client address in the shared cache (the forms' and the search's limits).

Counting is "increment first, then decide": the counter's new value is the request's
place in its window, so concurrent requests cannot all read the same old count (Redis
increments atomically). The counters live in their own cache alias, "counters", when
one is configured (config/settings/caches.py), so pages filling the page cache never evict them; a
failing cache lets requests through (fail open): losing a limit for a while is better
than refusing everyone.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def counter_cache():
    """The cache that holds counters: "counters" when configured, else the default."""
    return caches["counters" if "counters" in settings.CACHES else "default"]


def count(key: str, window_seconds: int) -> int | None:
    """Add one to `key` (created for `window_seconds`) and return the new value, or None
    when the cache cannot be reached."""
    cache = counter_cache()
    try:
        if cache.add(key, 1, timeout=window_seconds + 60):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # the key expired or was evicted in between
            cache.add(key, 1, timeout=window_seconds + 60)
            return 1
    except Exception:  # noqa: BLE001 - every backend raises its own errors
        logger.warning("Counter %s skipped: the cache cannot be reached.", key.split(":")[0])
        return None


def client_key(name: str, ip: str, window: int) -> str:
    # The address is hashed with the secret key: the cache never holds an IP address.
    digest = salted_hmac(f"throttle.{name}", ip).hexdigest()[:32]
    return f"{name}:{digest}:{window}"
