"""Redis as Django's cache, with a small circuit breaker.

Short socket timeouts (settings: REDIS_SOCKET_TIMEOUT, REDIS_CONNECT_TIMEOUT) bound one
call to a Redis that hangs; the breaker keeps a hanging Redis from costing every page
that fraction of a second: after CACHE_BREAKER_FAILURES failed calls in a row the process
stops asking Redis for CACHE_BREAKER_SECONDS, failing each call at once as if Redis had
refused it. Callers already treat a cache error as "no cache" (portal/caching.py, the
flood limit, /readyz), so pages are then served from the database at normal speed. After
the pause one call is let through to probe; success closes the breaker.

Per process and in memory: each gunicorn worker learns of the outage on its own, which
costs each at most CACHE_BREAKER_FAILURES slow calls per pause.
"""

import functools
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError


class CircuitOpen(RedisConnectionError):
    """Raised instead of calling Redis while the breaker is open."""


class Breaker:
    def __init__(self):
        self._lock = threading.Lock()
        self.failures = 0
        self.open_until = 0.0

    def before(self):
        with self._lock:
            now = time.monotonic()
            if self.open_until > now:
                raise CircuitOpen("Redis skipped for a while after repeated failures")
            if self.open_until:
                # Half open: this call probes; the next ones wait for its verdict.
                self.open_until = now + settings.CACHE_BREAKER_SECONDS

    def succeeded(self):
        with self._lock:
            self.failures = 0
            self.open_until = 0.0

    def failed(self):
        with self._lock:
            self.failures += 1
            if self.failures >= settings.CACHE_BREAKER_FAILURES:
                self.open_until = time.monotonic() + settings.CACHE_BREAKER_SECONDS


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        self.breaker.before()
        try:
            result = method(self, *args, **kwargs)
        except RedisError:
            self.breaker.failed()
            raise
        self.breaker.succeeded()
        return result

    return call


class BreakerRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = Breaker()


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(BreakerRedisCacheClient, _name, _guarded(getattr(RedisCacheClient, _name)))


class BreakerRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = BreakerRedisCacheClient
