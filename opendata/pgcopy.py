"""The national files on PostgreSQL: the rows leave the database through COPY, which
writes CSV itself and sends each row as it is produced, with no cursor, no fetches and
no Python per cell. The files are the same, byte for byte, as those of the portable path
in columns.py (tests/test_opendata_paths.py compares them); SQLite keeps that path.

COPY sends one protocol message per row, ending in a line feed (LF). RFC 4180 wants CRLF
between records, and a line break inside a quoted field must stay as the author wrote it,
so only each message's final LF is turned into CRLF.
"""

from django.db import connections, transaction

CHUNK_BYTES = 1 << 16  # about 64 KiB to the client at a time


def applies(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _messages(queryset, statement, params):
    """Each COPY message, as bytes. The COPY runs in a transaction of its own without the
    statement timeout: the server cannot finish before the client has read the file, and
    a slow download must not be cut off halfway (the row versions it reads stay one
    snapshot either way)."""
    connection = connections[queryset.db]
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        with cursor.cursor.copy(statement, params) as copy:
            for message in copy:
                yield bytes(message)


def _chunks(parts):
    """Parts joined into chunks of about CHUNK_BYTES."""
    batch, size = [], 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= CHUNK_BYTES:
            yield b"".join(batch)
            batch, size = [], 0
    if batch:
        yield b"".join(batch)


def csv_body(dataset, queryset):
    """The CSV rows (no header) in chunks. Text columns are always quoted, as in the
    portable path; other columns are numbers, dates and true/false, which COPY leaves
    bare, and a missing value is an empty cell."""
    expressions = [column.expression(for_json=False) for column in dataset.columns]
    sql, params = queryset.order_by().values_list(*expressions).query.sql_with_params()
    names = [f"c{i}" for i in range(len(dataset.columns))]
    quoted = [name for name, c in zip(names, dataset.columns, strict=True) if c.type == "string"]
    options = "FORMAT csv" + (f", FORCE_QUOTE ({', '.join(quoted)})" if quoted else "")
    # The first column is always the id: the same stable order as the portable path.
    statement = (
        f"COPY (SELECT * FROM ({sql}) AS t({', '.join(names)}) ORDER BY 1) "  # noqa: S608 - compiled by Django, values in params
        f"TO STDOUT WITH ({options})"
    )
    rows = _messages(queryset, statement, params)
    return _chunks(row[:-1] + b"\r\n" for row in rows)


def json_body(dataset, queryset, separator=b",\n"):
    """The JSON objects, one per row, each written by the database (Dataset.json_lines'
    expression), joined by `separator`, in chunks. COPY's text format doubles each
    backslash; JSON text has no other character it escapes (control characters inside
    JSON strings are already escaped), so halving them gives the object back."""
    # Ordered outside: a DISTINCT query would otherwise carry its ORDER BY column along.
    lines = dataset.json_values(queryset.order_by()).values_list("jsonline", "pk")
    sql, params = lines.query.sql_with_params()
    statement = f"COPY (SELECT line FROM ({sql}) AS t(line, id) ORDER BY id) TO STDOUT"  # noqa: S608 - compiled by Django, values in params
    rows = _messages(queryset, statement, params)

    def separated():
        for index, row in enumerate(rows):
            yield (separator if index else b"") + row[:-1]

    for chunk in _chunks(separated()):
        yield chunk.replace(b"\\\\", b"\\")
