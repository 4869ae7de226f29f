"""Dates as much as the source states them, in valid <time> elements: "10 januari 2017",
"januari 2017" or "2017", and spans like "2023–2026"."""

from django import template
from django.utils.html import format_html

from promises.models import DatePrecision, format_date, format_span

register = template.Library()

MACHINE = {DatePrecision.YEAR: "%Y", DatePrecision.MONTH: "%Y-%m"}


@register.simple_tag
def known_date(day, precision=DatePrecision.DAY):
    """One date in a <time> whose datetime says no more than the text."""
    if day is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        day.strftime(MACHINE.get(precision, "%Y-%m-%d")),
        format_date(day, precision),
    )


@register.simple_tag
def known_span(first, last, precision=DatePrecision.DAY):
    """ "2023–2026" (or "2024" for one year) by years, as plain text so it reads and
    copies as one word; otherwise "<first> – <last>" in <time> elements."""
    if precision == DatePrecision.YEAR:
        return format_span(first, last, precision)
    return format_html("{} – {}", known_date(first, precision), known_date(last, precision))
