"""Machine-readable dates for <time datetime>: valid HTML, so no microseconds."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value):
    """ "2026-11-21T14:03:07+01:00" for a datetime (local time, whole seconds), "2026-11-21"
    for a date: the HTML spec's valid global date-time or date strings. Django's "c"
    format adds microseconds, which the Nu Html Checker rejects."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            # Raw queries (the search index on SQLite) give the stored UTC time unmarked.
            value = value.replace(tzinfo=datetime.UTC)
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
