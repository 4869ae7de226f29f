"""The building blocks of the open data: a column and a dataset (one public table).

Each column is declared once (name, type, Swedish meaning, example, where its value comes
from) and everything is derived from it: the CSV and JSON files, the datapackage.json,
the data dictionary on the "Öppna data" page, the API's schema and the DCAT catalogue.
Types are the Frictionless Table Schema types, so datapackage.json can name them as they
are; the same values are written to CSV (text) and JSON (native JSON types).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, CharField, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Replace
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

# Frictionless type -> (JSON Schema type, JSON Schema format or None, Swedish name).
TYPES = {
    "integer": ("integer", None, gettext_noop("heltal")),
    "string": ("string", None, gettext_noop("text")),
    "date": ("string", "date", gettext_noop("datum (ÅÅÅÅ-MM-DD)")),
    "datetime": ("string", "date-time", gettext_noop("tidpunkt (UTC, ÅÅÅÅ-MM-DDTHH:MM:SSZ)")),
    "boolean": ("boolean", None, gettext_noop("sant/falskt (true/false)")),
}

# How JsonLine writes each type (see there).
JSON_KINDS = {
    "integer": "literal",
    "boolean": "literal",
    "date": "plain",
    "datetime": "plain",
    "string": "string",
}

UTC_FORMAT = {
    # Frictionless' default datetime format: UTC, whole seconds, a Z.
    "sqlite": "%Y-%m-%dT%H:%M:%SZ",
    "postgresql": 'YYYY-MM-DD"T"HH24:MI:SS"Z"',
}


class UtcText(Func):
    """A timestamp as text in UTC, written by the database (no Python per row)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime(%s, {sql})", [UTC_FORMAT["sqlite"], *params]

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql} AT TIME ZONE 'UTC', %s)", [*params, UTC_FORMAT["postgresql"]]


class Joined(Func):
    """Text joined with ||, flat (Concat nests pairs, which overflows SQLite's parser on a
    whole CSV line). Every part must be non-null."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = TextField()


class JsonBool(Func):
    """A boolean as JSON: PostgreSQL's booleans already are; SQLite stores 0/1."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"json(CASE WHEN {sql} THEN 'true' ELSE 'false' END)", params


class JsonLine(Func):
    """A row as one compact JSON object, in column order, written by the database; the
    same text on SQLite and PostgreSQL. Arguments: key, value, key, value, … with the keys
    as Values; `kinds` names each value's JSON shape: "literal" (a number or true/false,
    written as its text), "plain" (a string that never needs escaping: dates and
    timestamps) or "string"."""

    output_field = TextField()

    def __init__(self, *pairs, kinds):
        super().__init__(*pairs)
        self.kinds = tuple(kinds)

    def as_postgresql(self, compiler, connection, **extra):
        # json_build_object writes spaces around ":" and after ","; SQLite's json_object
        # does not. Built piece by piece instead; to_json (which escapes) only where a
        # string may need it, as it costs a type lookup per call.
        pieces, params = [], []
        pairs = self.source_expressions
        for index, kind in enumerate(self.kinds):
            key = json.dumps(pairs[2 * index].value, ensure_ascii=False)
            sql, value_params = compiler.compile(pairs[2 * index + 1])
            value = {
                "literal": f"({sql})::text",
                "plain": f"'\"' || ({sql}) || '\"'",
                "string": f"to_json(({sql})::text)::text",
            }[kind]
            pieces.append(f"%s || COALESCE({value}, 'null')")
            params += [("," if index else "{") + key + ":", *value_params]
        return "(" + " || ".join(pieces) + " || '}')", params

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="json_object(%(expressions)s)")


class ChoiceLabel:
    """A choice's Swedish label, looked up by the database. The labels are marked for
    translation for the pages; open data stays Swedish whatever language is active."""

    def __init__(self, path: str, choices):
        self.path, self.choices = path, choices

    def __call__(self):
        with translation.override(settings.LANGUAGE_CODE):
            labels = [(value, str(label)) for value, label in self.choices]
        whens = [When(**{self.path: value}, then=Value(label)) for value, label in labels]
        return Case(*whens, default=Value(""), output_field=CharField())


class PageAddress:
    """An absolute page address, put together by the database from the row's slugs and
    numbers (the national files have hundreds of thousands of rows: no reverse() per row).

    `kwargs` maps each URL argument to the ORM path of its value. The pattern is reversed
    once with sentinel values, and split around them."""

    def __init__(self, url_name: str, **kwargs: str):
        self.url_name = url_name
        self._kwargs = kwargs

    def __call__(self):
        sentinels = {name: 987654300 + i for i, name in enumerate(self._kwargs)}
        # Slug arguments accept digits too, so one kind of sentinel serves all.
        url = settings.SITE_URL + reverse(self.url_name, kwargs=sentinels)
        parts = []
        for name, path in self._kwargs.items():
            before, url = url.split(str(sentinels[name]), 1)
            parts += [Value(before), Cast(F(path), CharField())]
        parts.append(Value(url))
        return Concat(*[p for p in parts if not (isinstance(p, Value) and p.value == "")])


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    example: str
    # Where the value comes from: an ORM path (default: the name), or a function that
    # returns a database expression for it (computed by the database, row by row).
    source: str = ""
    compute: Callable | None = None
    required: bool = True
    references: str = ""  # the slug of the table whose id this is (a foreign key)
    # A meaning put together from parts (pattern, {name: value}, note), each marked for
    # translation, so that the open-data page can translate it whole.
    wording: tuple = ()

    @property
    def type_label(self):
        return TYPES[self.type][2]

    @property
    def meaning_in_page_language(self):
        """The meaning in the active language, as HTML (the files keep the Swedish
        `meaning`). A referenced table's name is an identifier, shown as code."""
        if not self.wording:
            return gettext(self.meaning) if self.meaning else ""
        pattern, values, note = self.wording
        parts = {
            name: format_html("<code>{}</code>", value) if name == "table" else gettext(value)
            for name, value in values.items()
        }
        meaning = format_html(gettext(pattern), **parts)
        return format_html("{} {}", meaning, gettext(note.strip())) if note.strip() else meaning

    def expression(self, for_json: bool, in_json_object: bool = False):
        """The column as the database writes it: text where CSV and JSON agree (dates,
        timestamps, addresses, labels), native numbers, booleans as JSON or CSV wants."""
        if self.compute is not None:
            return self.compute()
        field = F(self.source or self.name)
        if self.type == "datetime":
            return UtcText(field)
        if self.type == "date":
            return Cast(field, CharField())
        if self.type == "boolean" and in_json_object:
            return JsonBool(field)
        if self.type == "boolean" and not for_json:
            return Case(
                When(Q(**{self.source or self.name: True}), then=Value("true")),
                default=Value("false"),
                output_field=CharField(),
            )
        return field

    def csv_cell(self):
        """The column as one RFC 4180 cell, written by the database: text always quoted
        (quotes doubled), everything else bare, missing values empty."""
        value = self.expression(for_json=False)
        if self.type == "string":
            escaped = Replace(value, Value('"'), Value('""'))
            return Joined(Value('"'), escaped, Value('"'))
        return Coalesce(Cast(value, TextField()), Value(""), output_field=TextField())


@dataclass(frozen=True)
class Filters:
    """Which ORM paths the public filters use for one table (None: not offered)."""

    municipality: str | None = None  # municipality code (kommunkod)
    county: str | None = None  # county code (länskod)
    police_area: str | None = None  # local police area slug
    period: tuple[str, str] | None = None  # (starts on, ends on) of the period or agreement
    updated: str | None = None  # when the row (or the page it belongs to) last changed
    # The filters cross a to-many relation, so a row could match more than once.
    distinct: bool = False


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    title_en: str
    description: str
    description_en: str
    public: Callable[[], QuerySet]
    columns: tuple[Column, ...]
    filters: Filters
    updated_note: str = ""

    @property
    def foreign_keys(self) -> tuple[tuple[str, str], ...]:
        """(column, slug of the table whose id it is), in column order."""
        return tuple((c.name, c.references) for c in self.columns if c.references)

    def rows(self, queryset: QuerySet, *, for_json: bool, chunk_size: int = 2000):
        """Yield each row as a tuple of column values, computed by the database and read
        in chunks of `chunk_size` rows, so memory does not grow with the table."""
        expressions = [column.expression(for_json) for column in self.columns]
        return queryset.values_list(*expressions).iterator(chunk_size=chunk_size)

    def csv_lines(self, queryset: QuerySet, chunk_size: int = 2000):
        """Each row as one CSV line (CRLF included), put together by the database: Python
        only passes the text on, which keeps the national files fast."""
        parts = [Value("\r\n")]
        for column in reversed(self.columns):
            parts[:0] = [Value(","), column.csv_cell()]
        line = Joined(*parts[1:])
        return queryset.values_list(line, flat=True).iterator(chunk_size=chunk_size)

    def json_values(self, queryset: QuerySet) -> QuerySet:
        """Each row as one JSON object (text), written by the database."""
        pairs, kinds = [], []
        for column in self.columns:
            pairs += [Value(column.name), column.expression(True, in_json_object=True)]
            kinds.append(JSON_KINDS[column.type])
        line = JsonLine(*pairs, kinds=kinds)
        return queryset.annotate(jsonline=line).values_list("jsonline", flat=True)

    def json_lines(self, queryset: QuerySet, chunk_size: int = 2000):
        """Each row as one JSON object (text), read in chunks of `chunk_size` rows."""
        return self.json_values(queryset).iterator(chunk_size=chunk_size)

    def json_rows(self, queryset: QuerySet, chunk_size: int = 2000):
        """Rows as JSON-ready dicts (column name -> JSON value)."""
        names = [column.name for column in self.columns]
        for row in self.rows(queryset, for_json=True, chunk_size=chunk_size):
            yield dict(zip(names, row, strict=True))

    def select(
        self,
        *,
        municipality=None,
        county=None,
        police_area=None,
        period_from=None,
        period_to=None,
        updated_since=None,
    ) -> QuerySet:
        """The public rows, filtered, in a stable order (by id). Arguments are already
        validated; a filter the table does not offer is ignored by the caller's choice."""
        f = self.filters
        condition = Q()
        if municipality is not None and f.municipality:
            condition &= Q(**{f.municipality: municipality})
        if county is not None and f.county:
            condition &= Q(**{f.county: county})
        if police_area is not None and f.police_area:
            condition &= Q(**{f.police_area: police_area})
        if f.period and period_from is not None:
            condition &= Q(**{f"{f.period[1]}__gte": period_from})
        if f.period and period_to is not None:
            condition &= Q(**{f"{f.period[0]}__lte": period_to})
        if updated_since is not None and f.updated:
            condition &= Q(**{f"{f.updated}__gte": updated_since})
        queryset = self.public().filter(condition).order_by("pk")
        if f.distinct and condition:
            queryset = queryset.distinct()
        return queryset
