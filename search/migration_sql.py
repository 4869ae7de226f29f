"""SQL for the text index, per database; migrations import it, so no model imports."""

from django.db import migrations

POSTGRESQL_FORWARD = [
    # Both are "trusted" extensions: the database owner may create them.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is only STABLE (its dictionary could change); a generated column needs
    # an IMMUTABLE function, so wrap it naming the dictionary explicitly.
    """
    CREATE FUNCTION search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
    """,
    # One tsvector over the unaccented text, Swedish stemming, title weighted A, text B,
    # context (period and municipality) C: "Savstaskolan" finds "Sävstaskolan".
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish'::regconfig, search_fold(title)), 'A')
        || setweight(to_tsvector('swedish'::regconfig, search_fold(text)), 'B')
        || setweight(to_tsvector('swedish'::regconfig, search_fold(context)), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_word_trigram ON search_searchword USING gin (word gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX search_word_trigram",
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
    "DROP FUNCTION search_fold(text)",
    # The extensions stay: other schemas or a later migration may use them.
]
# SQLite: an FTS5 table of stems computed in Python (search/text.py), its rowid the
# document's id. Not contentless: SQLite 3.40 cannot delete from a contentless table.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, context, tokenize='unicode61')",
]
SQLITE_BACKWARD = ["DROP TABLE search_fts"]


def text_index():
    return migrations.RunPython(
        _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
        _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
    )


def _run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


# GIN's "fast update" parks new entries in a pending list that every search must read
# through until a vacuum merges it: after a bulk build, 300 pages per search. The index
# is read all the time and written a few times a day, so entries go straight into the
# tree, and what an earlier build left pending is merged now.
GIN_INDEXES = ("search_document_vector", "search_word_trigram")
POSTGRESQL_DIRECT_GIN = [
    *(f"ALTER INDEX {name} SET (fastupdate = off)" for name in GIN_INDEXES),
    *(f"SELECT gin_clean_pending_list('{name}'::regclass)" for name in GIN_INDEXES),
]
POSTGRESQL_PENDING_GIN = [f"ALTER INDEX {name} SET (fastupdate = on)" for name in GIN_INDEXES]


def direct_gin_inserts():
    return migrations.RunPython(
        _run({"postgresql": POSTGRESQL_DIRECT_GIN}), _run({"postgresql": POSTGRESQL_PENDING_GIN})
    )


# "Menade du": trigrams of the word without accents, so "Alvsjoskoln" is near
# "älvsjöskolan" (0.67) rather than far from it (0.19, every å, ä, ö a different trigram).
POSTGRESQL_FOLDED_TRIGRAM = [
    "DROP INDEX search_word_trigram",
    "CREATE INDEX search_word_folded_trigram ON search_searchword"
    " USING gin (search_fold(word) gin_trgm_ops) WITH (fastupdate = off)",
]
POSTGRESQL_PLAIN_TRIGRAM = [
    "DROP INDEX search_word_folded_trigram",
    "CREATE INDEX search_word_trigram ON search_searchword USING gin (word gin_trgm_ops)"
    " WITH (fastupdate = off)",
]


def folded_trigrams():
    return migrations.RunPython(
        _run({"postgresql": POSTGRESQL_FOLDED_TRIGRAM}),
        _run({"postgresql": POSTGRESQL_PLAIN_TRIGRAM}),
    )
