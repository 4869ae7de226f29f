"""Dates as Swedish coordinators write them, read one way everywhere (admin forms and
spreadsheet import): ISO (2017-01-10) or day first (10/1/2017, 10.1.2017, 10/1 2017),
never month first. settings.DATE_INPUT_FORMATS (through config/formats/sv) says the same
to Django's own date fields; this module adds the Swedish error that names the format."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

FORMAT_HELP = "Skriv datum som 2017-01-10 eller dag först: 10/1/2017."

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-]|\s+)(\d{2}|\d{4})$")


def parse_date(value) -> datetime.date | None:
    """A date from a form or a spreadsheet cell, or None when empty. Raises
    ValidationError in Swedish for a date that is impossible or ambiguous."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = " ".join(str(value).split())
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
        if len(year) == 2:
            raise ValidationError(
                f"”{text}” är tvetydigt: skriv året med fyra siffror. {FORMAT_HELP}",
                code="ambiguous",
            )
        day, month, year = int(day), int(month), int(year)
    else:
        raise ValidationError(f"”{text}” är inte ett datum. {FORMAT_HELP}", code="invalid")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"”{text}” är inte ett datum som finns. {FORMAT_HELP}", code="invalid"
        ) from None


class SwedishDateField(forms.DateField):
    """A date field that reads dates as parse_date() does and says the format in its help
    text. The widget is left as it is (the admin's, or a native date input)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_date(value)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = str(self.help_text or "")
        if FORMAT_HELP not in help_text:
            self.help_text = f"{help_text} {FORMAT_HELP}".strip()
