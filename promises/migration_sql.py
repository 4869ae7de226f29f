"""SQL that the promises and followup migrations install, shared so it is written once.

Kept free of model imports: migrations import it, and must keep working as models change.
"""

from django.db import migrations

from core.dbrules import run_by_vendor

# PostgreSQL keeps search_vector current with a trigger (title weighted A, the rest B,
# the municipality's name included so "krogtillsyn Jönköping" works) and a GIN index
# answers the search. SQLite leaves the column NULL: its search is a simpler fallback.
OWN_MUNICIPALITY = "(SELECT name FROM municipalities_municipality WHERE id = NEW.municipality_id)"
PERIOD_MUNICIPALITY = (
    "(SELECT m.name FROM promises_promiseperiod p JOIN municipalities_municipality m"
    " ON m.id = p.municipality_id WHERE p.id = {period})"
)


def search_vector_sql(table, title, fields):
    weighted_title = (
        f"setweight(to_tsvector('swedish', coalesce({title}, '')), 'A') || " if title else ""
    )
    return [
        f"""
        CREATE FUNCTION {table}_search_vector() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {weighted_title}
                setweight(to_tsvector('swedish', concat_ws(' ', {", ".join(fields)})), 'B');
            RETURN NEW;
        END $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()
        """,
        f"CREATE INDEX {table}_search ON {table} USING gin (search_vector)",
        f"UPDATE {table} SET id = id",  # noqa: S608 - table names are our own constants
    ]


def drop_sql(table):
    return [
        f"DROP INDEX {table}_search",
        f"DROP TRIGGER {table}_search_vector ON {table}",
        f"DROP FUNCTION {table}_search_vector()",
    ]


def search_vectors(tables):
    """The RunPython operation that installs (and removes) the search vector trigger and
    index of each (table, title, fields) in `tables`, on PostgreSQL only."""
    return migrations.RunPython(
        run_by_vendor({"postgresql": [sql for args in tables for sql in search_vector_sql(*args)]}),
        run_by_vendor({"postgresql": [sql for args in tables for sql in drop_sql(args[0])]}),
    )


def drop_search_vectors(tables):
    """The reverse of `search_vectors`: removes the triggers and indexes (the search
    index of the `search` app replaced them), and installs them again when migrating
    backwards."""
    install = search_vectors(tables)
    return migrations.RunPython(install.reverse_code, install.code)


def keep_sqlite_triggers():
    """Two operations to put first and last in a migration that rebuilds tables on SQLite
    (adding a NOT NULL column or a constraint, changing a type). SQLite rebuilds a table by
    copying it, which drops the triggers on it and breaks those on other tables that name
    it; these drop every trigger before and recreate them, unchanged, after."""
    saved = []

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            saved[:] = cursor.fetchall()
        for name, _sql in saved:
            schema_editor.execute(f'DROP TRIGGER "{name}"')

    def recreate(apps, schema_editor):
        for _name, sql in saved:
            schema_editor.execute(sql)
        saved.clear()

    return (
        migrations.RunPython(drop, recreate),
        migrations.RunPython(recreate, drop),
    )
