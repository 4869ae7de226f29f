"""Reading and writing the coordinators' spreadsheets (.xlsx with openpyxl, and CSV).

Why openpyxl directly rather than django-import-export: an import here is a plan over
several models at once (promises, and goals and activities that name a promise by its
title, perhaps one new in the same file), shown on a preview page inside our scoped admin,
with every error named by row and column in Swedish, applied in one transaction and
recorded in django-simple-history with the file name. django-import-export imports one
model per resource, brings its own admin pages and messages, and would need overriding
at each of those points; a small importer over openpyxl says all of it in one place.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.dates import parse_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    explanation: str
    allowed: str = ""
    width: int = 20


@dataclass
class SheetError:
    """One problem in an uploaded file, named by its row and column as the spreadsheet
    program shows them ("Rad 5, kolumn E (Ansvarig): …")."""

    row: int
    message: str
    column: Column | None = None
    letter: str = ""

    def __str__(self):
        if self.column is None:
            return f"Rad {self.row}: {self.message}"
        return f"Rad {self.row}, kolumn {self.letter} ({self.column.header}): {self.message}"


@dataclass
class Row:
    number: int
    values: dict = field(default_factory=dict)


@dataclass
class Change:
    """What importing one row does: creates an object, changes some of its fields, or
    nothing (the file says what the database already says)."""

    action: str  # "Ny", "Ändras" or "Oförändrad"
    kind: str  # "Löfte", "Mål", "Aktivitet", "Status"
    text: str
    fields: list = field(default_factory=list)  # (label, old, new)
    obj: object = None

    @property
    def changes_something(self):
        return self.action != "Oförändrad"


@dataclass
class Plan:
    """What an import would do, read before anything is written: shown on the preview
    page, applied only when there are no errors."""

    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def created(self):
        return sum(1 for change in self.changes if change.action == "Ny")

    @property
    def changed(self):
        return sum(1 for change in self.changes if change.action == "Ändras")

    @property
    def unchanged(self):
        return sum(1 for change in self.changes if change.action == "Oförändrad")

    def summary(self):
        return f"{self.created} nya, {self.changed} ändrade, {self.unchanged} oförändrade"


class RowReader:
    """Reads the cells of one row into Python values, collecting Swedish errors that name
    the row and column instead of stopping at the first."""

    def __init__(self, columns: list[Column], plan: Plan, row: Row):
        self.columns, self.plan, self.row = columns, plan, row

    def error(self, key, message):
        index = column_position(self.columns, key)
        column = self.columns[index]
        if any(e.row == self.row.number and e.column == column for e in self.plan.errors):
            return  # one message per cell: the first says what to do
        self.plan.errors.append(
            SheetError(self.row.number, message, self.columns[index], get_column_letter(index + 1))
        )

    def text(self, key) -> str:
        return _text(self.row.values.get(key))

    def integer(self, key) -> int | None:
        value = self.row.values.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        text = _text(value).replace(" ", "")
        if text.isdigit():
            return int(text)
        self.error(key, f"”{_text(value)}” är inte ett heltal (0 eller mer).")
        return None

    def choice(self, key, choices, what) -> str | None:
        """The value of a TextChoices by its label or value, case-insensitively."""
        text = self.text(key)
        if not text:
            self.error(key, f"Ange {what}.")
            return None
        for value, label in choices.choices:
            if text.casefold() in (value.casefold(), label.casefold()):
                return value
        allowed = ", ".join(str(label) for _, label in choices.choices)
        self.error(key, f"”{text}” är inte {what} som finns. Skriv något av: {allowed}.")
        return None

    def date(self, key):
        try:
            return parse_date(self.row.values.get(key))
        except ValidationError as error:
            self.error(key, error.messages[0])
            return None

    def model_errors(self, error: ValidationError, field_to_key: dict):
        """A model's full_clean() errors, each under its column (or the row)."""
        for name, messages in error.message_dict.items():
            key = field_to_key.get(name)
            for message in messages:
                if key is None:
                    self.plan.errors.append(SheetError(self.row.number, message))
                else:
                    self.error(key, message)


def display(value) -> str:
    """A value as the preview shows it."""
    if value in (None, ""):
        return "(tomt)"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def compare(obj, values: dict, labels: dict) -> list:
    """(label, old, new) for each field of `obj` that `values` would change; sets them."""
    changed = []
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            names = dict(obj._meta.get_field(name).flatchoices)  # labels, not codes
            shown = (display(names.get(old, old)), display(names.get(new, new)))
            changed.append((labels.get(name, name), *shown))
            setattr(obj, name, new)
    return changed


def write_xlsx(title: str, columns: list[Column], rows: list[list], *, explain=True) -> bytes:
    """A workbook: the data sheet with a bold Swedish header row, and a second sheet
    ("Förklaringar") saying what each column means and which values are allowed."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in rows:
        sheet.append(row)
    if explain:
        notes = book.create_sheet("Förklaringar")
        notes.append(["Kolumn", "Vad den betyder", "Tillåtna värden"])
        for cell in notes[1]:
            cell.font = Font(bold=True)
        for column in columns:
            notes.append([column.header, column.explanation, column.allowed])
        notes.column_dimensions["A"].width = 22
        notes.column_dimensions["B"].width = 70
        notes.column_dimensions["C"].width = 50
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_csv(columns: list[Column], rows: list[list]) -> bytes:
    """CSV with a header row, semicolons (what Swedish spreadsheet programs expect) and a
    byte order mark so Excel reads å, ä and ö right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read_rows(name: str, content: bytes, columns: list[Column]) -> list[Row]:
    """The data rows of an uploaded .xlsx or .csv as {column key: cell value}, numbered as
    the spreadsheet program numbers them (the header is row 1). Empty rows are skipped.
    Raises ValidationError in Swedish when the file cannot be read."""
    if len(content) > MAX_BYTES:
        raise ValidationError("Filen är för stor (högst 2 MB).")
    if name.lower().endswith(".csv"):
        table = _csv_table(content)
    elif name.lower().endswith(".xlsx"):
        table = _xlsx_table(content)
    else:
        raise ValidationError("Välj en fil som slutar på .xlsx eller .csv.")
    if not table:
        raise ValidationError("Filen är tom.")
    headers = [_text(cell) for cell in table[0]]
    by_header = {column.header.casefold(): column for column in columns}
    positions = {}
    for index, header in enumerate(headers):
        column = by_header.get(header.casefold())
        if column is not None:
            positions[column.key] = index
    missing = [c.header for c in columns if c.key not in positions]
    if missing:
        raise ValidationError(
            "Rubrikraden saknar kolumnerna "
            + ", ".join(f"”{h}”" for h in missing)
            + ". Utgå från mallen och behåll rubrikerna på rad 1."
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {}
        for key, index in positions.items():
            value = cells[index] if index < len(cells) else None
            values[key] = value.strip() if isinstance(value, str) else value
        if all(value in (None, "") for value in values.values()):
            continue
        rows.append(Row(number, values))
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"Filen har fler än {MAX_ROWS} rader.")
    return rows


def column_position(columns: list[Column], key: str) -> int:
    return next(i for i, column in enumerate(columns) if column.key == key)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _csv_table(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_table(content: bytes):
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
        raise ValidationError(
            "Filen gick inte att läsa som ett kalkylark (.xlsx). "
            "Spara den som .xlsx och försök igen."
        ) from error
    sheet = book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
