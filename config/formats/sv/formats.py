"""Swedish input formats without Django's month-first ones ("10/1/2017" is 10 January):
Django reads a locale's formats before settings, so the override lives here."""

from django.conf import settings

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
