"""The files are the same whichever way they are written: on PostgreSQL through COPY or
through a cursor, on SQLite through a cursor. Each is compared, byte for byte, with the
rows the API serves, written out by Python's own rules for RFC 4180 and compact JSON, so
a researcher gets the same file from either database."""

import json

import pytest

from opendata import streaming
from opendata.datasets import DATASETS
from tests.factories import ActivityFactory, ActivityStatusFactory, PromisePeriodFactory
from tests.opendata_helpers import add_signatories

pytestmark = pytest.mark.django_db

TRICKY = 'Citat: "trygg", snedstreck \\ och tab\t, ny\nrad, CRLF\r\n, styrtecken \x01, å 😀'


def expected_csv(dataset, rows):
    def cell(column, value):
        if value is None:
            return ""
        if column.type == "string":
            return '"' + value.replace('"', '""') + '"'
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    lines = [",".join(column.name for column in dataset.columns)]
    for row in rows:
        lines.append(",".join(cell(c, row[c.name]) for c in dataset.columns))
    return ("\r\n".join(lines) + "\r\n").encode()


def expected_json(rows):
    objects = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows]
    return ("[\n" + ",\n".join(objects) + "\n]\n").encode()


@pytest.fixture
def tricky_rows(seed_content):
    period = PromisePeriodFactory(title=TRICKY, lead=TRICKY)
    ActivityFactory(period=period, text=TRICKY, partner_name=TRICKY)
    ActivityStatusFactory(comment=TRICKY)
    add_signatories(name=TRICKY)


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.slug)
def test_every_path_writes_the_same_files(client, tricky_rows, dataset):
    rows = list(dataset.json_rows(dataset.select()))
    assert rows
    csv_file = b"".join(client.get(f"/oppna-data/{dataset.slug}.csv").streaming_content)
    json_file = b"".join(client.get(f"/oppna-data/{dataset.slug}.json").streaming_content)
    assert csv_file == expected_csv(dataset, rows)
    assert json_file == expected_json(rows)
    # The cursor path, which PostgreSQL would otherwise not take.
    cursor_csv = streaming.csv_chunks(dataset, dataset.select(), may_copy=False)
    cursor_json = streaming.json_chunks(dataset, dataset.select(), may_copy=False)
    assert b"".join(cursor_csv) == csv_file
    assert b"".join(cursor_json) == json_file


def test_line_breaks_inside_a_field_stay_as_written(client, tricky_rows):
    body = b"".join(client.get("/oppna-data/aktivitetsstatus.csv").streaming_content)
    assert b"ny\nrad, CRLF\r\n, styrtecken" in body
    assert b"\\" in body and b"\\\\" not in body
