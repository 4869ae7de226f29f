"""A flood limit on accepted submissions, kept in Django's shared cache.

Only valid submissions are counted (a form with errors never reaches the count), so a
person correcting errors is never blocked. The count lives in the counters' cache
(core/throttle.py; the database or Redis), so every process and every server sharing
that cache sees the same number. If the cache is down the forms keep working: losing
the flood limit for a while is better than losing a barrier report.
"""

import contextlib
import time

from django.conf import settings

from core.throttle import client_key, count, counter_cache

WINDOW_SECONDS = 60 * 60


def _window(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // WINDOW_SECONDS)


def _key(ip: str, now: float | None = None) -> str:
    return client_key("a11y-rl", ip, _window(now))


def retry_after_seconds(now: float | None = None) -> int:
    """Seconds until the current window ends and the count starts over."""
    now = now if now is not None else time.time()
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def take(ip: str) -> bool:
    """Count one submission from `ip` and say whether it is within the hour's limit.

    Increment first, then decide: the counter's new value is the submission's place in
    the hour, so of any number of concurrent submissions exactly the allowed number get
    a place (a read, then a later write, let 40 concurrent ones through as 13). Redis
    increments atomically; Django's database cache increments by read and write, so on
    a single server without Redis the count is exact only between processes that do not
    race. A failing cache lets the submission through (fail open)."""
    place = count(_key(ip), WINDOW_SECONDS)
    return place is None or place <= settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR


def give_back(ip: str) -> None:
    """Undo take() for a submission that was not stored after all (a database error)."""
    # A missing key or a failing cache: nothing to undo.
    with contextlib.suppress(Exception):
        counter_cache().decr(_key(ip))


def is_limited(ip: str) -> bool:
    """True when `ip` has used up the hour's submissions (without counting one)."""
    try:
        used = counter_cache().get(_key(ip), 0)
    except Exception:  # noqa: BLE001 - any cache failure: fail open
        return False
    return used >= settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR
