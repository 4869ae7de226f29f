"""The published schema, pinned: every table's fields (name, type, meaning, keys) in
datapackage.json and every path, parameter and row schema in the OpenAPI document. A
change to a declaration shows here as a change to what researchers and harvesters read.

After an intended change, write the files anew with
`OPENDATA_GOLDEN=write pytest tests/test_opendata_declarations.py` and review the diff."""

import json
import os
from pathlib import Path

import pytest

from opendata.api import openapi_document
from opendata.streaming import datapackage, national_selection

GOLDEN = Path(__file__).parent / "golden"


def _compare(name, document):
    path = GOLDEN / name
    if os.environ.get("OPENDATA_GOLDEN") == "write":
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    assert document == json.loads(path.read_text())


@pytest.mark.django_db
def test_datapackage_describes_the_tables_as_pinned():
    descriptor = datapackage(national_selection())
    descriptor.pop("created")  # the time of the download
    _compare("opendata_datapackage.json", descriptor)


def test_openapi_document_is_as_pinned():
    _compare("opendata_openapi.json", openapi_document())
