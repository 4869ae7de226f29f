"""The building blocks of the open data: a column and a dataset (one public table).

Each column is declared once (name, type, Swedish meaning, example, where its value comes
from) and everything is derived from it: the CSV and JSON files, the datapackage.json,
the data dictionary on the "Öppna data" page, the API's schema and the DCAT catalogue.
Types are the Frictionless Table Schema types, so datapackage.json can name them as they
are; the same values are written to CSV (text) and JSON (native JSON types).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

# Frictionless type -> (JSON Schema type, JSON Schema format or None, Swedish name).
TYPES = {
    "integer": ("integer", None, "heltal"),
    "string": ("string", None, "text"),
    "date": ("string", "date", "datum (ÅÅÅÅ-MM-DD)"),
    "datetime": ("string", "date-time", "tidpunkt (UTC, ÅÅÅÅ-MM-DDTHH:MM:SSZ)"),
    "boolean": ("boolean", None, "sant/falskt (true/false)"),
}


def _utc(value: datetime.datetime) -> str:
    # Frictionless' default datetime format: UTC, whole seconds, a Z.
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_json(kind: str, value):
    """A column value as a JSON value: dates as ISO text, the rest as they are."""
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "datetime":
        return _utc(value)
    return value


def to_csv(kind: str, value) -> str:
    """A column value as CSV text: empty for missing, true/false for booleans."""
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    if kind == "datetime":
        return _utc(value)
    return str(value)


class PageAddress:
    """An absolute page address pattern, filled from row values without reverse() per row
    (the national files have hundreds of thousands of rows).

    `kwargs` maps each URL argument to the ORM path its value comes from. The pattern is
    reversed once with sentinel values, which are then swapped for the row's values."""

    def __init__(self, url_name: str, **kwargs: str):
        self.url_name = url_name
        self.paths = list(kwargs.values())
        self._kwargs = kwargs
        self._template = None

    def _pattern(self) -> str:
        if self._template is None:
            sentinels = {name: f"{987654300 + i}" for i, name in enumerate(self._kwargs)}
            # Slug arguments accept digits too, so one kind of sentinel serves all.
            url = reverse(self.url_name, kwargs={k: int(v) for k, v in sentinels.items()})
            url = url.replace("{", "{{").replace("}", "}}")
            for i, sentinel in enumerate(sentinels.values()):
                url = url.replace(sentinel, f"{{{i}}}")
            self._template = settings.SITE_URL + url
        return self._template

    def __call__(self, row: dict) -> str:
        return self._pattern().format(*(row[path] for path in self.paths))


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    example: str
    # Where the value comes from: an ORM path (default: the name), or a function of the
    # row (a dict of ORM path -> value) that needs the paths in `needs`.
    source: str = ""
    compute: Callable | None = None
    needs: tuple[str, ...] = ()
    required: bool = True

    @property
    def type_label(self):
        return TYPES[self.type][2]

    @property
    def paths(self):
        if self.compute is not None:
            return self.needs
        return (self.source or self.name,)

    def value(self, row: dict):
        if self.compute is not None:
            return self.compute(row)
        return row[self.source or self.name]


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
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, dataset slug whose id it is)
    updated_note: str = ""
    _paths: list = field(default_factory=list, compare=False, repr=False)

    @property
    def paths(self) -> list[str]:
        """Every ORM path the columns read, each once, in a stable order."""
        if not self._paths:
            seen = dict.fromkeys(path for column in self.columns for path in column.paths)
            self._paths.extend(seen)
        return self._paths

    def rows(self, queryset: QuerySet, chunk_size: int = 2000):
        """Yield each row as a list of column values, reading the database in chunks of
        `chunk_size` rows so memory does not grow with the table."""
        paths = self.paths
        columns = self.columns
        for values in queryset.values_list(*paths).iterator(chunk_size=chunk_size):
            row = dict(zip(paths, values, strict=True))
            yield [column.value(row) for column in columns]

    def json_rows(self, queryset: QuerySet, chunk_size: int = 2000):
        """Rows as JSON-ready dicts (column name -> JSON value)."""
        spec = [(c.name, c.type) for c in self.columns]
        for row in self.rows(queryset, chunk_size):
            yield {name: to_json(kind, v) for (name, kind), v in zip(spec, row, strict=True)}

    def csv_rows(self, queryset: QuerySet, chunk_size: int = 2000):
        """Rows as lists of CSV cell texts."""
        kinds = [c.type for c in self.columns]
        for row in self.rows(queryset, chunk_size):
            yield [to_csv(kind, v) for kind, v in zip(kinds, row, strict=True)]

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
