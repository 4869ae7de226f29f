"""Counters per client address in the shared cache, and a view decorator built on them.

Counting is "increment first, then decide": the counter's new value is the request's
place in its window, so concurrent requests cannot all read the same old count (Redis
increments atomically). The counters live in their own cache alias, "counters", when
one is configured (settings.py), so pages filling the page cache never evict them; a
failing cache lets requests through (fail open): losing a limit for a while is better
than refusing everyone.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from .net import client_ip

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


def limit_per_client(name, *, setting, refuse, window_seconds=60):
    """Let each client address make at most `settings.<setting>` requests with a query
    string per window to the decorated view; the rest get `refuse(request,
    retry_after_seconds)`. A limit of 0 turns it off."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limit = getattr(settings, setting)
            if limit and request.GET:
                now = time.time()
                window = int(now // window_seconds)
                place = count(client_key(name, client_ip(request), window), window_seconds)
                if place is not None and place > limit:
                    retry_after = max(1, int(window_seconds - now % window_seconds))
                    return refuse(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
