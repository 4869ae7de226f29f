"""A flood limit on accepted submissions, kept in Django's shared cache.

Only accepted submissions are counted, so a person correcting errors is never blocked.
The count lives in the default cache (the database or Redis), so every process and every
server sharing that cache sees the same number. If the cache is down the forms keep
working: losing the flood limit for a while is better than losing a barrier report.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def _window(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // WINDOW_SECONDS)


def _key(ip: str, now: float | None = None) -> str:
    # The address is hashed with the secret key: the cache never holds an IP address.
    digest = salted_hmac("accessibility.ratelimit", ip).hexdigest()[:32]
    return f"a11y-rl:{digest}:{_window(now)}"


def retry_after_seconds(now: float | None = None) -> int:
    """Seconds until the current window ends and the count starts over."""
    now = now if now is not None else time.time()
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def is_limited(ip: str) -> bool:
    """True when `ip` has already had the allowed number of submissions accepted this hour."""
    try:
        count = cache.get(_key(ip), 0)
    except Exception:  # noqa: BLE001 - any cache failure: fail open
        logger.warning("Flood limit skipped: the cache cannot be read.")
        return False
    return count >= settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR


def record_accepted(ip: str) -> None:
    """Count one accepted submission from `ip`."""
    key = _key(ip)
    try:
        # The first submission in a window only adds the key; later ones increment it.
        if not cache.add(key, 1, timeout=WINDOW_SECONDS + 60):
            try:
                cache.incr(key)
            except ValueError:  # the key expired or was evicted in between
                cache.set(key, 1, timeout=WINDOW_SECONDS + 60)
    except Exception:  # noqa: BLE001 - any cache failure: fail open
        logger.warning("Flood limit not counted: the cache cannot be written.")
