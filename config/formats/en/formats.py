"""English pages write dates day first, as British English and GOV.UK do ("21 November
2026"), not Django's American "Nov. 21, 2026"; dates are read as on the Swedish pages."""

from django.conf import settings

DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
