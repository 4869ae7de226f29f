"""Reference data and seed content loaded once per test process, then copied in per test.

Running `load_reference_data` and `load_seed_content` costs thousands of queries, and
about 220 tests need them: that was most of the suite's time. The first test that asks
runs the real commands inside a savepoint, records every row they added (in every
table, so history rows, search documents and SQLite's full-text rows come along), and
rolls the savepoint back; every test then inserts exactly those rows with plain INSERTs,
so its own transaction (or the flush after a transactional test) removes them again.

The copy is only used when it is provably complete: if the commands changed or deleted
a row that was there before, or a table has no way to be copied, the commands run as
before for every test. On SQLite the recorded rows get ids above OFFSET (its id
counters roll back with a test; PostgreSQL's sequences never do), so a test's own rows
never take an id the copy needs."""

from django.core.management import call_command
from django.db import connection, transaction

OFFSET = 10_000_000
COMMANDS = {"reference": ["load_reference_data"], "seed": ["load_seed_content"]}
_recorded = {}  # (vendor, database name, level) -> [(table, columns, rows)] or None


def load(level):
    """Load `level` ("reference", or "seed" on top of reference) into the current test."""
    key = (connection.vendor, connection.settings_dict["NAME"], level)
    if key not in _recorded:
        _recorded[key] = _record(level)
    rows = _recorded[key]
    if rows is None:
        for command in COMMANDS[level]:
            call_command(command, verbosity=0, stdout=None)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One INSERT per table may outlast the per-statement limit on a busy machine;
            # the test's own statements keep the limit.
            cursor.execute("SELECT current_setting('statement_timeout')")
            (limit,) = cursor.fetchone()
            cursor.execute("SET LOCAL statement_timeout = 0")
        for table, columns, values in rows:
            _insert(cursor, table, columns, values)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [limit])


def _record(level):
    with transaction.atomic():
        with connection.cursor() as cursor:
            tables = _tables(cursor)
            if connection.vendor == "sqlite":
                _raise_id_counters(cursor, tables)
            before = {table: _rows(cursor, table) for table in tables}
            for command in COMMANDS[level]:
                call_command(command, verbosity=0, stdout=None)
            recorded = []
            for table in tables:
                columns, after = _rows(cursor, table, with_columns=True)
                old = before[table][1]
                if old - set(after):
                    recorded = None  # a row changed or went away: not a plain copy
                    break
                added = [row for row in after if row not in old]
                if added:
                    recorded.append((table, columns, added))
        transaction.set_rollback(True)
    return recorded


def _tables(cursor):
    """Every table in the order rows must go in: referenced tables first. SQLite's
    full-text shadow tables are left out (SQLite fills them from their virtual table)."""
    names = connection.introspection.table_names(cursor)
    if connection.vendor == "sqlite":
        virtual = _virtual_tables(cursor)
        names = [n for n in names if not any(n.startswith(v + "_") for v in virtual)]
    references = {}
    for name in names:
        found = connection.introspection.get_relations(cursor, name)
        references[name] = {target for _, target in found.values() if target != name}
    ordered, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        for target in sorted(references.get(name, ())):
            visit(target)
        ordered.append(name)

    for name in sorted(names):
        visit(name)
    return [n for n in ordered if n in references]


def _rows(cursor, table, with_columns=False):
    """(columns, rows) as values that go back in unchanged: PostgreSQL rows as row
    literals, SQLite values without Django's type converters (`+column` has no type;
    a virtual table's rowid is its only id, so it comes along)."""
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        cursor.execute(f"SELECT t::text FROM {quoted} AS t")  # noqa: S608 - our own table
        rows = [row for (row,) in cursor.fetchall()]
        # Generated columns (search vectors) are computed again on insert.
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
            [quoted],
        )
        columns = [name for (name,) in cursor.fetchall()]
    else:
        described = connection.introspection.get_table_description(cursor, table)
        columns = [c.name for c in described]
        if table in _virtual_tables(cursor):
            columns.insert(0, "rowid")
        select = ", ".join(f"+{connection.ops.quote_name(c)}" for c in columns)
        cursor.execute(f"SELECT {select} FROM {quoted}")  # noqa: S608 - our own table
        rows = [tuple(row) for row in cursor.fetchall()]
    return (columns, rows) if with_columns else (columns, set(rows))


def _insert(cursor, table, columns, values):
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        fields = ", ".join(f"(x).{connection.ops.quote_name(c)}" for c in columns)
        cursor.execute(
            f"INSERT INTO {quoted} ({names}) SELECT {fields}"  # noqa: S608 - our own table
            f" FROM (SELECT r::{quoted} AS x FROM unnest(%s::text[]) AS r) AS s",
            [values],
        )
        return
    if columns[0] == "rowid":
        # A full-text table is no model, so the flush after a transactional test leaves
        # its rows: the copied ones go first (their ids are the copy's alone).
        cursor.executemany(f"DELETE FROM {quoted} WHERE rowid = %s", [v[:1] for v in values])  # noqa: S608
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join("%s" for _ in columns)
    cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", values)  # noqa: S608


def _virtual_tables(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    return [name for (name,) in cursor.fetchall()]


def _raise_id_counters(cursor, tables):
    """SQLite: ids from here on start above OFFSET (undone when the savepoint is)."""
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'")
    counted = {name for (name,) in cursor.fetchall()} & set(tables)
    for table in counted:
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
        cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, OFFSET])
