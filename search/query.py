"""The search: one ranked query over the index, bounded in rows and in time.

PostgreSQL: the GIN index finds the matching documents; at most CANDIDATES of them are
ranked (document weight × ts_rank) and one page is returned with the total, in one
statement under `SET LOCAL statement_timeout`.
SQLite: the same over FTS5 with bm25, the query stemmed in Python as the index was;
a progress handler stops a statement that runs past the same time limit.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.html import escape

from . import text
from .models import Kind, SearchDocument

PAGE_SIZE = 10
# At most this many matches are ranked, and counted: a common word's first page costs
# the same whatever the number of documents; beyond it the page says "Fler än 500".
CANDIDATES = 500
MAX_WORDS = 10
SNIPPET_CHARS = 240
# Words too common to narrow a search; PostgreSQL's Swedish configuration drops these
# (and more) too, so both databases treat "trygghet i centrum" alike.
STOP_WORDS = frozenset(
    "och i att det som en pa ar av for med till den har de inte om ett men vi sa kan "
    "vid fran eller".split()
)


@dataclass
class Hit:
    kind: str
    title: str
    context: str
    url: str
    snippet: str = ""
    updated: object = None
    id: int = 0


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    leading: list = field(default_factory=list)  # the municipalities the query names
    total: int = 0
    capped: bool = False
    page: int = 1
    pages: int = 0
    suggestion: str = ""
    timed_out: bool = False


def run(query, *, county=None, kind=None, page=1):
    """Search the public content for `query` (cleaned by SearchForm); None if empty."""
    if not query:
        return None
    typed = text.words(query)[:MAX_WORDS]
    terms = [w for w in typed if text.fold(w) not in STOP_WORDS] or typed
    results = Results(query=query, page=page)
    if not terms:
        return results
    backend = Postgres if connection.vendor == "postgresql" else Sqlite
    wanted = {text.stem(w) for w in terms}
    filters = {"county": county, "kind": kind}
    try:
        with backend.time_limit():
            if page == 1 and kind in (None, Kind.MUNICIPALITY):
                results.leading = _leading(typed, county)
            rows, total = backend.page(terms, filters, page)
            if not rows and page > 1:  # past the last page: show the first instead
                results.page = page = 1
                rows, total = backend.page(terms, filters, 1)
            if not total and not results.leading:
                results.suggestion = _suggestion(
                    typed, backend.similar([text.fold(w) for w in typed])
                )
    except OperationalError as error:
        if not backend.was_cancelled(error):
            raise
        results.timed_out = True
        return results
    shown = {hit.id for hit in results.leading}
    results.hits = [_hit(row, wanted) for row in rows if row[0] not in shown]
    # A named municipality heads the list; it is counted once whether or not the
    # ranked query found it too.
    results.total = total + len(shown) - (len(rows) - len(results.hits))
    results.capped = total >= CANDIDATES
    results.pages = -(-min(total, CANDIDATES) // PAGE_SIZE)
    return results


def _leading(typed, county):
    """Municipalities whose whole name is in the query: an index lookup on the folded
    name, so "upplands vasby" finds Upplands Väsby without touching the text index."""
    found = SearchDocument.objects.filter(kind=Kind.MUNICIPALITY, key__in=text.phrases(typed))
    if county:
        found = found.filter(county_id=county)
    rows = found.order_by("title").values_list("pk", "title", "context", "url")[:5]
    return [
        Hit(Kind.MUNICIPALITY.label, escape(title), context, url, id=pk)
        for pk, title, context, url in rows
    ]


def _hit(row, wanted):
    pk, kind, url, title, context, body, updated = row[:7]
    plain_title = title.removesuffix(" …")
    body_line = " ".join(body.split())
    snippet = "" if body_line == plain_title else text.snippet_around(body, wanted, SNIPPET_CHARS)
    return Hit(
        kind=Kind(kind).label,
        title=text.highlight(title, wanted),
        context=context,
        url=url,
        snippet=text.highlight(snippet, wanted) if snippet else "",
        updated=updated,
        id=pk,
    )


def _suggestion(typed, similar):
    """ "Menade du …?": the query with each unknown word replaced by the nearest one
    (`similar` maps each typed word, folded, to the nearest word of the index)."""
    words = [similar.get(text.fold(w)) or w for w in typed]
    suggestion = " ".join(words)
    return suggestion if text.fold(suggestion) != text.fold(" ".join(typed)) else ""


def _statement_timeout_ms():
    return int(settings.SEARCH_STATEMENT_TIMEOUT_MS)


COLUMNS = "d.id, d.kind, d.url, d.title, d.context, d.text, d.updated, r.total"


class Postgres:
    @staticmethod
    def time_limit():
        return _PostgresTimeLimit()

    @staticmethod
    def was_cancelled(error):
        return getattr(error.__cause__, "sqlstate", None) == "57014"  # query_canceled

    @staticmethod
    def _tsquery(terms):
        return " & ".join(terms)

    @classmethod
    def page(cls, terms, filters, page):
        where, params = _filters(filters)
        # The query is written out twice rather than kept in a CTE: as an expression of
        # constants the planner folds it and estimates the match from the statistics.
        sql = f"""
            SELECT {COLUMNS} FROM (
                SELECT c.id, c.weight * ts_rank(c.vector, to_tsquery('swedish', search_fold(%s)))
                       AS score, count(*) OVER () AS total
                FROM (
                    SELECT d.id, d.weight, d.vector FROM search_searchdocument d
                    WHERE d.vector @@ to_tsquery('swedish', search_fold(%s)) {where} LIMIT %s
                ) c
                ORDER BY score DESC, c.id LIMIT %s OFFSET %s
            ) r JOIN search_searchdocument d ON d.id = r.id
            ORDER BY r.score DESC, r.id
        """  # noqa: S608 - only our own fixed fragments are interpolated
        tsquery = cls._tsquery(terms)
        args = [tsquery, tsquery, *params, CANDIDATES, PAGE_SIZE]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*args, (page - 1) * PAGE_SIZE])
            rows = cursor.fetchall()
        return rows, (rows[0][7] if rows else 0)

    @staticmethod
    def similar(words):
        """For each (folded) word, the most similar word of the index, compared without
        accents (trigrams, pg_trgm, over an index of the folded words)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT q.word, (SELECT w.word FROM search_searchword w"
                " WHERE search_fold(w.word) %% q.word"
                " ORDER BY similarity(search_fold(w.word), q.word) DESC, w.word LIMIT 1)"
                " FROM unnest(%s::text[]) AS q(word)",
                [words],
            )
            return dict(cursor.fetchall())


class _PostgresTimeLimit:
    """A transaction whose statements stop after SEARCH_STATEMENT_TIMEOUT_MS."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {_statement_timeout_ms()}")

    def __exit__(self, *exc):
        return self.atomic.__exit__(*exc)


def _filters(filters, alias="d"):
    """The county and kind filters. The planner chooses whether to combine the text index
    with their btree indexes: measured at national scale that is right for counties and
    for every kind but activities (fencing the index off cost 3-5 × more elsewhere)."""
    where, params = [], []
    if filters.get("county"):
        where.append(f"{alias}.county_id = %s")
        params.append(filters["county"])
    if filters.get("kind"):
        where.append(f"{alias}.kind = %s")
        params.append(filters["kind"])
    return "".join(f" AND {w}" for w in where), params


class Sqlite:
    @staticmethod
    def time_limit():
        return _SqliteTimeLimit()

    @staticmethod
    def was_cancelled(error):
        return "interrupted" in str(error)

    @staticmethod
    def _match(terms):
        # Stems are letters and digits only, so quoting them cannot break the syntax.
        return " AND ".join(f'"{s}"' for s in sorted({text.stem(w) for w in terms}))

    @classmethod
    def page(cls, terms, filters, page):
        where, params = _filters(filters)
        sql = f"""
            WITH candidates AS (
                SELECT search_fts.rowid AS id, bm25(search_fts, 10.0, 4.0, 2.0) AS rank
                FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
                WHERE search_fts MATCH %s {where} LIMIT %s
            ),
            r AS (
                SELECT c.id, c.rank * d.weight AS score, count(*) OVER () AS total
                FROM candidates c JOIN search_searchdocument d ON d.id = c.id
                ORDER BY score, c.id LIMIT %s OFFSET %s
            )
            SELECT {COLUMNS} FROM r JOIN search_searchdocument d ON d.id = r.id
            ORDER BY r.score, r.id
        """  # noqa: S608 - only our own fixed fragments are interpolated
        args = [cls._match(terms), *params, CANDIDATES, PAGE_SIZE, (page - 1) * PAGE_SIZE]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            rows = cursor.fetchall()
        return rows, (rows[0][7] if rows else 0)

    @staticmethod
    def similar(words):
        """For each (folded) word, the nearest word of the index by edit distance (at
        most 1 for short words, 2 for longer), among words of about the same length that
        start with the same letter, accents aside. One query for all the words."""
        shortest, longest = min(map(len, words)), max(map(len, words))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM search_searchword WHERE length(word) BETWEEN %s AND %s",
                [shortest - 2, longest + 2],
            )
            vocabulary = [(text.fold(w), w) for (w,) in cursor.fetchall()]
        found = {}
        for word in words:
            limit = 1 if len(word) < 5 else 2
            best = None
            for folded, candidate in vocabulary:
                if folded[:1] != word[:1] or abs(len(folded) - len(word)) > 2:
                    continue
                distance = edit_distance(folded, word, limit)
                if distance <= limit and (best is None or distance < best[0]):
                    best = (distance, candidate)
            found[word] = best[1] if best else None
        return found


class _SqliteTimeLimit:
    """Stops a statement that runs past SEARCH_STATEMENT_TIMEOUT_MS ("interrupted")."""

    def __enter__(self):
        connection.ensure_connection()
        deadline = time.monotonic() + _statement_timeout_ms() / 1000
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)

    def __exit__(self, *exc):
        connection.connection.set_progress_handler(None, 0)
        return False


def edit_distance(a, b, limit):
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
