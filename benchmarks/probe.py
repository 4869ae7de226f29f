"""The portal's WSGI application with one header added for the mixed benchmark:
`X-Bench-Rendered: 1` when answering the request asked the database for content (the
page was rendered), `0` when it did not (served from the page cache, or a static file).

Why this and not a header of the page cache or Redis' hit counters: it works with any
cache implementation in portal/caching.py and with either cache backend, and Redis'
INFO counters are per server (shared by everyone on the machine), not per database.
Queries to the database cache's own tables (SQLite + the database cache) are the cache,
not content, and transaction bookkeeping is neither.

Served only by the benchmark: gunicorn … benchmarks.probe:application
"""

from django.db import connections

from config.wsgi import application as portal

HEADER = "X-Bench-Rendered"
_BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


def asks_for_content(sql):
    """Whether a statement reads or writes content, not the cache or a transaction."""
    text = sql.lstrip().upper()
    return "DJANGO_CACHE" not in text and not text.startswith(_BOOKKEEPING)


class Probe:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        rendered = []

        def watch(execute, sql, params, many, context):
            if not rendered and asks_for_content(sql):
                rendered.append(True)
            return execute(sql, params, many, context)

        def start(status, headers, exc_info=None):
            headers.append((HEADER, "1" if rendered else "0"))
            return start_response(status, headers, exc_info)

        # Django answers a non-streaming response whole before start_response: every
        # query of the request has run by then.
        with connections["default"].execute_wrapper(watch):
            return self.app(environ, start)


application = Probe(portal)
