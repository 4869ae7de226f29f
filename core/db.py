"""Bounds on the database time one piece of work may take."""

import contextlib

from django.db import connection, transaction


@contextlib.contextmanager
def statement_timeout(seconds: float):
    """Run the block's queries with a statement timeout of their own (PostgreSQL: SET
    LOCAL in a transaction, so it ends with the block); a query over it raises
    django.db.OperationalError (see is_statement_timeout). A no-op on SQLite."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [int(seconds * 1000)])
        yield


def is_statement_timeout(error: Exception) -> bool:
    """Whether a database error is a statement cancelled by its timeout."""
    return getattr(error.__cause__, "sqlstate", None) == "57014"  # query_canceled
