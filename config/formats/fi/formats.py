"""Finnish dates as Django writes them ("21. marraskuuta 2026"), with the day and month
in the same form ("21. marraskuuta", not Django's nominative "21. marraskuu")."""

from django.conf import settings

DATE_FORMAT = "j. E Y"
MONTH_DAY_FORMAT = "j. E"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
