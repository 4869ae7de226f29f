"""Searches per client address and minute, counted in the shared cache (the database or
Redis), so every process and server sees the same count. Search is the one public page
that reaches the database on every request: this keeps one client from flooding it.

Counted with core.throttle (increment first, then decide; the counters' own cache
alias). If the cache is down, search goes on unlimited: a missing limit is better than
a missing search.
"""

import time

from django.conf import settings

from core.throttle import client_key, count

WINDOW_SECONDS = 60


def retry_after_seconds(now=None):
    now = time.time() if now is None else now
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def count_and_check(ip, now=None):
    """Count one search from `ip`; True when it is over the limit (0 = no limit)."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    if not limit:
        return False
    now = time.time() if now is None else now
    place = count(client_key("search", ip, int(now // WINDOW_SECONDS)), WINDOW_SECONDS)
    return place is not None and place > limit
