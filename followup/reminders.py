"""What a coordinator must do about tertials, read in one place: the reminders e-mailed by
`send_tertial_reminders`, the "Att göra" box on the admin start page and the national
table for superusers all start from `due_tertials()`.

A tertial of a period needs the coordinator from REMINDER_DAYS_BEFORE days before it ends
until its follow-up is published. Reminder steps fall on fixed days around the tertial's
last day (by default 14 before, 7 and 30 after). On any day only the latest step whose day
has come is due, so a coordinator added late, or a cron that missed days, gets one e-mail
and not three; the last step stays due until the next tertial's first one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from core.publishing import PublicationStatus
from municipalities.models import County
from municipalities.scope import restrict
from outbox.services import queue_email
from promises.models import PromisePeriod

from .models import FollowUpReport, SentReminder, Tertial, tertial_span

DAY = datetime.timedelta(days=1)


def steps() -> list[int]:
    """Reminder days relative to a tertial's last day, earliest first (e.g. -14, 7, 30)."""
    return sorted({-settings.REMINDER_DAYS_BEFORE, *settings.REMINDER_DAYS_AFTER})


def tertial_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 4 + 1


def next_tertial(year: int, tertial: int) -> tuple[int, int]:
    return (year + 1, 1) if tertial == 3 else (year, tertial + 1)


def previous_tertial(year: int, tertial: int) -> tuple[int, int]:
    return (year - 1, 3) if tertial == 1 else (year, tertial - 1)


def due_step(year: int, tertial: int, today: datetime.date) -> int | None:
    """The latest reminder step due for a tertial on `today`, or None."""
    offsets = steps()
    ends_on = tertial_span(year, tertial)[1]
    passed = [o for o in offsets if ends_on + o * DAY <= today]
    if not passed:
        return None
    if passed[-1] == offsets[-1]:
        following_end = tertial_span(*next_tertial(year, tertial))[1]
        if following_end + offsets[0] * DAY <= today:
            return None  # the next tertial's reminders have taken over
    return passed[-1]


def open_tertials(today: datetime.date) -> list[tuple[int, int, int]]:
    """(year, tertial, step) of every tertial with a step due on `today` (at most three)."""
    found, year_tertial = [], tertial_of(today + settings.REMINDER_DAYS_BEFORE * DAY)
    for _ in range(4):
        step = due_step(*year_tertial, today)
        if step is not None:
            found.append((*year_tertial, step))
        year_tertial = previous_tertial(*year_tertial)
    return found[::-1]


@dataclass
class DueTertial:
    """One tertial of one period whose follow-up is missing or still a draft."""

    period: PromisePeriod
    year: int
    tertial: int
    step: int
    report: FollowUpReport | None

    @property
    def ends_on(self):
        return tertial_span(self.year, self.tertial)[1]

    @property
    def tertial_label(self):
        return Tertial(self.tertial).label

    @property
    def overdue(self):
        return self.step > 0

    @property
    def url(self):
        """Where the coordinator creates the report, or finishes the draft."""
        if self.report is not None:
            return reverse("admin:followup_followupreport_change", args=[self.report.pk])
        query = urlencode({"period": self.period.pk, "year": self.year, "tertial": self.tertial})
        return f"{reverse('admin:followup_followupreport_add')}?{query}"


def due_tertials(user, today: datetime.date) -> list[DueTertial]:
    """Tertials of published periods in the user's scope whose reminder window is open on
    `today` and whose follow-up is not published. Two queries, whatever the scope."""
    windows = open_tertials(today)
    if not windows:
        return []
    first = tertial_span(*windows[0][:2])[0]
    last = tertial_span(*windows[-1][:2])[1]
    periods = list(
        restrict(PromisePeriod.objects.published(), user)
        .filter(starts_on__lte=last, ends_on__gte=first)
        .select_related("municipality")
        .order_by("municipality__name", "starts_on")
    )
    reports = {
        (r.period_id, r.year, r.tertial): r
        for r in FollowUpReport.objects.filter(
            period__in=periods, year__gte=windows[0][0], year__lte=windows[-1][0]
        )
    }
    found = []
    for period in periods:
        for year, tertial, step in windows:
            starts, ends = tertial_span(year, tertial)
            if ends < period.starts_on or starts > period.ends_on:
                continue
            report = reports.get((period.pk, year, tertial))
            if report is None or report.status != PublicationStatus.PUBLISHED:
                found.append(DueTertial(period, year, tertial, step, report))
    return found


def unsent(user, due: list[DueTertial]) -> list[DueTertial]:
    """The due steps not yet e-mailed to the user."""
    sent = set(
        SentReminder.objects.filter(user=user, period__in={d.period for d in due}).values_list(
            "period_id", "year", "tertial", "step"
        )
    )
    return [d for d in due if (d.period.pk, d.year, d.tertial, d.step) not in sent]


def draft_reports(user):
    """Follow-ups in the user's scope saved as drafts, newest tertial first."""
    return (
        restrict(FollowUpReport.objects.exclude(status=PublicationStatus.PUBLISHED), user)
        .select_related("period__municipality")
        .newest_first()
    )


def draft_periods(user):
    """Promise periods in the user's scope not yet published."""
    return (
        restrict(PromisePeriod.objects.exclude(status=PublicationStatus.PUBLISHED), user)
        .select_related("municipality")
        .order_by("municipality__name", "-starts_on")
    )


@dataclass
class CountyRow:
    county: County
    current: int = 0
    published: int = 0


def national_table(today: datetime.date):
    """Per county: current published periods, and how many of those have the follow-up
    of the last ended tertial published. Returns (last ended (year, tertial), rows).
    Three queries, whatever the number of periods."""
    last = previous_tertial(*tertial_of(today))
    last_starts, last_ends = tertial_span(*last)
    rows = {county.pk: CountyRow(county) for county in County.objects.order_by("name")}
    periods = PromisePeriod.objects.published().current(today)
    # A period that began after the last tertial ended has no follow-up due yet.
    followed = periods.filter(starts_on__lte=last_ends)
    done = set(
        FollowUpReport.objects.published()
        .filter(period__in=followed, year=last[0], tertial=last[1])
        .values_list("period_id", flat=True)
    )
    counts = defaultdict(int)
    for period_id, county_id in followed.values_list("pk", "municipality__county_id"):
        counts[county_id] += 1
        if period_id in done:
            rows[county_id].published += 1
    for county_id, count in counts.items():
        rows[county_id].current = count
    return last, list(rows.values())


# --- the e-mail ---------------------------------------------------------------------------
EMAIL_KIND = "followup.reminder"


def coordinators_to_remind():
    """Active coordinators with an e-mail address who have not turned reminders off."""
    return (
        get_user_model()
        .objects.filter(is_active=True, coordinator_scope__receives_reminders=True)
        .exclude(email="")
        .order_by("pk")
    )


@dataclass
class ReminderRun:
    coordinators: int = 0
    emails: int = 0
    items: int = 0
    planned: list = None

    def __str__(self):
        return (
            f"{self.emails} påminnelser med {self.items} uppföljningar "
            f"till {self.coordinators} samordnare"
        )


def send_reminders(*, today: datetime.date, dry_run: bool = False) -> ReminderRun:
    """Queue one e-mail per coordinator listing the tertials whose next reminder step is
    due and not yet sent, and record each step (SentReminder) in the same transaction, so
    a second run the same day, or any later day, never sends that step again."""
    run = ReminderRun(planned=[])
    for user in coordinators_to_remind():
        run.coordinators += 1
        items = unsent(user, due_tertials(user, today))
        if not items:
            continue
        run.emails += 1
        run.items += len(items)
        run.planned.append((user, items))
        if dry_run:
            continue
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [
                    SentReminder(
                        user=user,
                        period=item.period,
                        year=item.year,
                        tertial=item.tertial,
                        step=item.step,
                        sent_on=today,
                    )
                    for item in items
                ]
            )
            queue_email(kind=EMAIL_KIND, recipient=user.email, **reminder_email(user, items))
    return run


def reminder_email(user, items) -> dict:
    """Subject and text of one coordinator's reminder, with absolute links."""
    context = {
        "user": user,
        "items": [(item, settings.SITE_URL + item.url) for item in items],
        "start_url": settings.SITE_URL + reverse("admin:index"),
    }
    overdue = any(item.overdue for item in items)
    subject = "Försenad uppföljning av medborgarlöfte" if overdue else "Tertialen slutar snart"
    return {
        "subject": f"{subject} – {len(items)} att göra",
        "text_body": render_to_string("followup/email/reminder.txt", context),
    }
