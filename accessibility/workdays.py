"""Swedish working days, for the answer time the accessibility statement promises.

Weekends and the Swedish public holidays are not working days; neither are the three
eves (midsommarafton, julafton, nyårsafton) that are days off in practice.
"""

import datetime
from functools import lru_cache

ONE_DAY = datetime.timedelta(days=1)


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@lru_cache(maxsize=32)
def days_off(year: int) -> frozenset[datetime.date]:
    """Holidays and eves that fall on weekdays or weekends in `year`."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    # Midsommarafton is the Friday between 19 and 25 June.
    midsummer_eve = next(
        datetime.date(year, 6, day)
        for day in range(19, 26)
        if datetime.date(year, 6, day).weekday() == 4
    )
    return frozenset(
        [datetime.date(year, month, day) for month, day in fixed]
        + [
            easter - 2 * ONE_DAY,  # långfredagen
            easter + ONE_DAY,  # annandag påsk
            easter + 39 * ONE_DAY,  # Kristi himmelsfärdsdag
            midsummer_eve,
        ]
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day
