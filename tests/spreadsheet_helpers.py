"""Shared helpers for the spreadsheet tests (no tests here): build a workbook as a
spreadsheet program would save it, upload it through the admin and read the answer."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from tests.admin_helpers import admin_url


def xlsx(rows, headers):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_rows(content, sheet=0):
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def upload(client, model, obj, content, name="loften.xlsx"):
    """Upload a file on the import page: returns the preview page."""
    url = admin_url(model._meta.app_label, model._meta.model_name, "import", obj.pk)
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def confirm(client, preview):
    """Press "Läs in" on a preview page."""
    payload = preview.context["payload"]
    assert payload, "the preview has no confirm button"
    return client.post(preview.request["PATH_INFO"], {"payload": payload}, follow=True)
