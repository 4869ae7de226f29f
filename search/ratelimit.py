"""Searches per client address and minute, counted in the shared cache (the database or
Redis), so every process and server sees the same count. Search is the one public page
that reaches the database on every request: this keeps one client from flooding it.

The count is taken with add + incr, which is atomic on Redis. If the cache is down,
search goes on unlimited: a missing limit is better than a missing search.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def _key(ip, now):
    # Hashed with the secret key: the cache never holds an IP address.
    digest = salted_hmac("search.ratelimit", ip).hexdigest()[:32]
    return f"search-rl:{digest}:{int(now // WINDOW_SECONDS)}"


def retry_after_seconds(now=None):
    now = time.time() if now is None else now
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def count_and_check(ip, now=None):
    """Count one search from `ip`; True when it is over the limit (0 = no limit)."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    if not limit:
        return False
    key = _key(ip, time.time() if now is None else now)
    try:
        cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one as the first
        return False
    except Exception:  # noqa: BLE001 - any cache failure: fail open
        logger.warning("Search limit skipped: the cache cannot be used.")
        return False
    return count > limit
