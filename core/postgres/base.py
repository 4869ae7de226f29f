"""PostgreSQL with a deadline on every wait, so a frozen database server cannot hold a
request (and a gunicorn worker) until gunicorn kills it.

`connect_timeout` bounds connecting and the server's `statement_timeout` bounds a slow
query, but neither helps when the server (or the network) stops answering on an open
connection: the kernel still acknowledges what we send, and psycopg waits for a reply
forever. Here every query, commit, rollback and health check arms a watchdog; when the
deadline passes, the watchdog shuts the socket down, psycopg raises OperationalError at
once, and the 503 page answers (config/middleware.py).

Selected in config/database.py for every postgres DATABASE_URL; the deadline is
DATABASE_STATEMENT_TIMEOUT plus one second, so the server's own timeout normally wins.
"""

import contextlib
import socket
import threading
import time

from django.conf import settings
from django.db.backends.postgresql import base


class Watchdog:
    """One thread per process that shuts down sockets whose deadline has passed."""

    def __init__(self):
        self._armed = {}  # token -> (deadline, socket file descriptor)
        self._wake = threading.Condition()
        self._next = 0
        self._thread = None

    def arm(self, fd, seconds):
        with self._wake:
            if self._thread is None or not self._thread.is_alive():
                # Started lazily: gunicorn forks workers after importing the settings.
                self._thread = threading.Thread(target=self._run, daemon=True, name="db-watchdog")
                self._thread.start()
            self._next += 1
            self._armed[self._next] = (time.monotonic() + seconds, fd)
            self._wake.notify()
            return self._next

    def disarm(self, token):
        with self._wake:
            self._armed.pop(token, None)

    def _run(self):
        with self._wake:
            while True:
                now = time.monotonic()
                for token, (deadline, fd) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        _shut_down(fd)
                soonest = min((d for d, _ in self._armed.values()), default=now + 60)
                self._wake.wait(max(0.01, soonest - now))


def _shut_down(fd):
    # A duplicate of the descriptor: shutting it down ends the connection for the
    # original too, and closing the duplicate leaves the original for psycopg to close.
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=socket.dup(fd))
        sock.shutdown(socket.SHUT_RDWR)
        sock.close()


WATCHDOG = Watchdog()


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.insert(0, self._query_deadline)
        self.wait_seconds = None  # None: settings.DATABASE_WAIT_SECONDS

    @contextlib.contextmanager
    def deadline(self, seconds=None):
        seconds = seconds or self.wait_seconds or settings.DATABASE_WAIT_SECONDS
        fd = -1
        with contextlib.suppress(Exception):
            fd = self.connection.pgconn.socket if self.connection is not None else -1
        if fd < 0 or not seconds:
            yield
            return
        token = WATCHDOG.arm(fd, seconds)
        try:
            yield
        finally:
            WATCHDOG.disarm(token)

    def _query_deadline(self, execute, sql, params, many, context):
        with self.deadline():
            return execute(sql, params, many, context)

    def is_usable(self):
        # The health check before a request's first query: a SELECT 1 that takes over a
        # second means the connection is lost; reconnecting is then bounded by
        # connect_timeout, so a request needing the database fails within ~3 s, not 6.
        with self.deadline(min(1, self.wait_seconds or settings.DATABASE_WAIT_SECONDS)):
            return super().is_usable()

    def _commit(self):
        with self.deadline():
            return super()._commit()

    def _rollback(self):
        with self.deadline():
            return super()._rollback()
