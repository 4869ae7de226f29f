"""Streamed CSV, JSON and ZIP files: rows go out in chunks as they are read from the
database (QuerySet.iterator), so the national files never sit in memory.

The ZIP is streamed too: zipfile writes to a write-only sink (it then uses data
descriptors instead of seeking back), and each chunk is handed on as soon as it is written.
"""

import io
import json
import zipfile
from itertools import islice

from django.utils import timezone

from . import pgcopy
from .datasets import DATASETS

ROWS_PER_CHUNK = 1000
LICENSE_URL = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENSE_TITLE = "Creative Commons Zero v1.0 Universal"


def _batches(rows, size=ROWS_PER_CHUNK):
    batch = list(islice(rows, size))
    while batch:
        yield batch
        batch = list(islice(rows, size))


def csv_chunks(dataset, queryset, may_copy=True):
    """RFC 4180 CSV: UTF-8, comma, a header row, CRLF line ends, quotes doubled. The
    database writes each line (see Dataset.csv_lines; on PostgreSQL COPY writes the same,
    faster, unless `may_copy` is false); the header goes out at once, before the query."""
    yield (",".join(column.name for column in dataset.columns) + "\r\n").encode()
    if may_copy and pgcopy.applies(queryset):
        yield from pgcopy.csv_body(dataset, queryset)
        return
    for batch in _batches(dataset.csv_lines(queryset)):
        yield "".join(batch).encode()


def json_chunks(dataset, queryset, may_copy=True):
    """A JSON array of objects, one per row, one row per line; the database writes each
    object (see Dataset.json_lines; on PostgreSQL through COPY unless `may_copy` is
    false)."""
    yield b"["
    separator = "\n"
    if may_copy and pgcopy.applies(queryset):
        for chunk in pgcopy.json_body(dataset, queryset):
            yield separator.encode() + chunk if separator else chunk
            separator = ""
        yield b"\n]\n"
        return
    for batch in _batches(dataset.json_lines(queryset)):
        yield (separator + ",\n".join(batch)).encode()
        separator = ",\n"
    yield b"\n]\n"


def datapackage(selection, title_suffix=""):
    """The Frictionless Tabular Data Package descriptor for the CSV files of `selection`
    (dataset, queryset) pairs: each file, its fields, keys and the licence."""
    resources = []
    slugs = {dataset.slug for dataset, _ in selection}
    for dataset, _ in selection:
        fields = []
        for column in dataset.columns:
            spec = {"name": column.name, "type": column.type, "description": column.meaning}
            # Text may be empty, which CSV cannot tell from missing; required is only
            # asserted for the other types.
            if column.required and column.type != "string":
                spec["constraints"] = {"required": True}
            fields.append(spec)
        schema = {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
        schema["foreignKeys"] = [
            {"fields": [name], "reference": {"resource": target, "fields": ["id"]}}
            for name, target in dataset.foreign_keys
            if target in slugs
        ]
        resources.append(
            {
                "name": dataset.slug,
                "path": f"{dataset.slug}.csv",
                "profile": "tabular-data-resource",
                "title": dataset.title,
                "description": dataset.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "medborgarloften",
        "title": f"Medborgarlöften{title_suffix}",
        "description": "Medborgarlöften från polisen och Sveriges kommuner och deras "
        "uppföljning per tertial.",
        "created": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [{"name": "CC0-1.0", "path": LICENSE_URL, "title": LICENSE_TITLE}],
        "resources": resources,
    }


class _Sink(io.RawIOBase):
    """A write-only stream that keeps what was written until it is taken."""

    def __init__(self):
        super().__init__()
        self._parts = []

    def writable(self):
        return True

    def write(self, data):
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def zip_chunks(selection, title_suffix=""):
    """A ZIP holding one CSV per (dataset, queryset) and datapackage.json, streamed."""
    sink = _Sink()
    # Level 1: the text compresses well even so, and the file starts and ends sooner.
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for dataset, queryset in selection:
            with zf.open(f"{dataset.slug}.csv", "w", force_zip64=True) as member:
                for chunk in csv_chunks(dataset, queryset):
                    member.write(chunk)
                    if data := sink.take():
                        yield data
        descriptor = json.dumps(datapackage(selection, title_suffix), ensure_ascii=False, indent=2)
        zf.writestr("datapackage.json", descriptor)
    yield sink.take()


def national_selection():
    """Every table, all public rows."""
    return [(dataset, dataset.select()) for dataset in DATASETS]


def municipal_selection(code):
    """Every table, the rows about one municipality."""
    return [(dataset, dataset.select(municipality=code)) for dataset in DATASETS]
