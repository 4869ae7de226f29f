"""Tertial follow-up: a report per period, year and tertial, with a status per activity."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.publishing import PublicationStatus, Publishable, PublishableQuerySet
from promises.models import Activity, PromisePeriod


class Tertial(models.IntegerChoices):
    FIRST = 1, _("Tertial 1 (januari–april)")
    SECOND = 2, _("Tertial 2 (maj–augusti)")
    THIRD = 3, _("Tertial 3 (september–december)")


def tertial_span(year: int, tertial: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a tertial: T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec."""
    first_month = 4 * (tertial - 1) + 1
    start = datetime.date(year, first_month, 1)
    if tertial == 3:
        return start, datetime.date(year, 12, 31)
    return start, datetime.date(year, first_month + 4, 1) - datetime.timedelta(days=1)


REPORT_TITLE = _("Uppföljning tertial {tertial} {year}")


class FollowUpReportQuerySet(PublishableQuerySet):
    def for_period(self, period):
        """Reports of one period."""
        return self.filter(period=period)

    def public(self):
        """Published reports of published periods: what a citizen may open."""
        return self.published().filter(
            period__status=PublicationStatus.PUBLISHED, period__announced=False
        )

    def chronological(self):
        """Earliest tertial first."""
        return self.order_by("year", "tertial")

    def newest_first(self):
        """Latest tertial first."""
        return self.order_by("-year", "-tertial", "-pk")

    def with_place(self):
        """Reports with their period, municipality, county and police area in one query."""
        return self.select_related("period__municipality__county", "period__police_area")

    def for_municipality(self, municipality):
        """Reports of every period of one municipality."""
        return self.filter(period__municipality=municipality)

    def saying_something(self):
        """Reports that tell a reader something: a summary, or an activity with a status
        other than "Ingen uppgift" or with a comment. A report with none of these is
        published but empty, and no news."""
        told = ActivityStatus.objects.filter(report=OuterRef("pk")).exclude(
            status=ActivityStatusChoice.NO_INFORMATION, comment=""
        )
        return self.filter(~Q(summary="") | Exists(told))


class FollowUpReport(Publishable):
    scope_path = "period__"  # coordinator scope: the period's municipality and police area

    period = models.ForeignKey(
        PromisePeriod,
        on_delete=models.CASCADE,
        related_name="follow_up_reports",
        verbose_name="medborgarlöfte (period)",
    )
    year = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tertial = models.PositiveSmallIntegerField("tertial", choices=Tertial.choices)
    summary = models.TextField(
        "sammanfattning",
        blank=True,
        help_text="Hur arbetet gått under tertialen, i några meningar som alla förstår.",
    )

    objects = FollowUpReportQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historik för uppföljning")

    class Meta:
        ordering = ["period", "-year", "-tertial"]
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"
        constraints = [
            models.UniqueConstraint(
                fields=["period", "year", "tertial"],
                name="followup_one_report_per_tertial",
                violation_error_message="Det finns redan en uppföljning för den tertialen.",
            ),
            models.CheckConstraint(
                condition=Q(tertial__gte=1, tertial__lte=3), name="followup_tertial_1_to_3"
            ),
            # "The tertial lies in the period" spans two tables: a trigger enforces it
            # on both backends (migration 0002); clean() explains it in the admin.
        ]
        indexes = [
            models.Index(fields=["status", "-year", "-tertial"], name="followup_latest"),
        ]

    def __str__(self):
        return f"{self.period.municipality.name}: tertial {self.tertial} {self.year}"

    @property
    def title(self):
        """ "Uppföljning tertial 1 2019", in the page's language."""
        return REPORT_TITLE.format(tertial=self.tertial, year=self.year)

    @property
    def slug(self):
        return f"{self.year}-tertial-{self.tertial}"

    @property
    def span(self):
        return tertial_span(self.year, self.tertial)

    def get_absolute_url(self):
        return reverse(
            "portal:report",
            kwargs={
                "municipality_slug": self.period.municipality.slug,
                "period_slug": self.period.slug,
                "year": self.year,
                "tertial": self.tertial,
            },
        )

    def mostly_unknown(self):
        """(activities with "Ingen uppgift", all activities) when more than half of the
        report's activities have no status given, else None. Publishing such a report is
        allowed (sometimes it is all there is) but is worth a second look."""
        total = self.statuses.count()
        unknown = self.statuses.filter(status=ActivityStatusChoice.NO_INFORMATION).count()
        return (unknown, total) if total and unknown * 2 > total else None

    def publication_problem(self):
        if self.period_id and not self.period.is_published:
            return (
                f"Uppföljningen kan inte publiceras förrän medborgarlöftet ”{self.period.title}” "
                "är publicerat."
            )
        return None

    def clean(self):
        super().clean()
        if self.period_id and self.year and self.tertial in (1, 2, 3):
            first, last = self.span
            if last < self.period.starts_on or first > self.period.ends_on:
                raise ValidationError(
                    {
                        "tertial": (
                            f"Tertial {self.tertial} {self.year} ligger utanför perioden "
                            f"{self.period.starts_on:%Y-%m-%d}–{self.period.ends_on:%Y-%m-%d}."
                        )
                    }
                )


class ActivityStatusChoice(models.TextChoices):
    # The default: the follow-up does not mention the activity. Never "Ej påbörjad" by
    # assumption; counted apart in the progress figure.
    NO_INFORMATION = "ingen_uppgift", _("Ingen uppgift")
    NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
    IN_PROGRESS = "pagar", _("Pågår")
    DONE = "genomford", _("Genomförd")
    DELAYED = "forsenad", _("Försenad")
    CANCELLED = "utgar", _("Utgår")


# What was achieved against the target, stated once: plain text in achievement_label,
# the unit as a content passage on the public pages (portal/templatetags/promise_words.py).
ACHIEVED = _("Uppnått: {achieved} {unit}.")
ACHIEVED_NO_UNIT = _("Uppnått: {achieved}.")
TARGET_REACHED = _("Uppnått: {achieved} – målet är nått.")
TARGET_NOT_YET = _("Uppnått: {achieved} av {target} – målet är inte nått ännu.")


def achievement_words(status, unit, format=str.format):
    """The achievement of `status` in words with `unit` put in (plain text, or HTML with
    format=format_html); "" when nothing is achieved yet."""
    achieved, target = status.achieved_count, status.activity.target_count
    if achieved is None:
        return ""
    if target is None:
        if not status.activity.target_unit:
            return format(str(ACHIEVED_NO_UNIT), achieved=achieved)
        return format(str(ACHIEVED), achieved=achieved, unit=unit)
    if achieved >= target:
        return format(str(TARGET_REACHED), achieved=achieved)
    return format(str(TARGET_NOT_YET), achieved=achieved, target=target)


class ActivityStatusQuerySet(models.QuerySet):
    def public(self):
        """Statuses in published reports of published periods."""
        return self.filter(
            report__status=PublicationStatus.PUBLISHED,
            report__period__status=PublicationStatus.PUBLISHED,
            report__period__announced=False,
        )


class ActivityStatus(models.Model):
    scope_path = "report__period__"

    report = models.ForeignKey(
        FollowUpReport,
        on_delete=models.CASCADE,
        related_name="statuses",
        verbose_name="uppföljning",
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="statuses", verbose_name="aktivitet"
    )
    status = models.CharField(
        "status",
        max_length=16,
        choices=ActivityStatusChoice.choices,
        default=ActivityStatusChoice.NO_INFORMATION,
    )
    comment = models.TextField("kommentar", blank=True)
    achieved_count = models.PositiveIntegerField(
        "uppnått antal",
        null=True,
        blank=True,
        help_text="För aktiviteter med mätbart mål: hur många hittills.",
    )

    objects = ActivityStatusQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historik för aktivitetsstatus")

    class Meta:
        ordering = ["report", "activity__order", "activity__pk"]
        verbose_name = "status för aktivitet"
        verbose_name_plural = "status för aktiviteter"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "activity"],
                name="followup_one_status_per_activity",
                violation_error_message="Aktiviteten har redan en status i den här uppföljningen.",
            ),
            # "The activity belongs to the report's period": trigger in migration 0002.
        ]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display()}"

    @property
    def has_information(self):
        """The follow-up says something about the activity."""
        return self.status != ActivityStatusChoice.NO_INFORMATION

    @property
    def achievement_label(self):
        """What was achieved against the target, in words (text first, never colour alone):
        "Uppnått: 52 – målet är nått." / "Uppnått: 30 av 50 – målet är inte nått ännu."."""
        return achievement_words(self, self.activity.target_unit)

    def clean(self):
        super().clean()
        if not (self.report_id and self.activity_id):
            return
        if self.activity.period_id != self.report.period_id:
            raise ValidationError({"activity": "Aktiviteten hör inte till uppföljningens period."})


class SentReminder(models.Model):
    """One reminder step e-mailed to one coordinator about one tertial of one period.
    The unique constraint is what makes `send_tertial_reminders` idempotent: a step is
    recorded in the same transaction as its e-mail is queued, and never sent twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
        verbose_name="samordnare",
    )
    period = models.ForeignKey(
        PromisePeriod,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
        verbose_name="medborgarlöfte (period)",
    )
    year = models.PositiveSmallIntegerField("år")
    tertial = models.PositiveSmallIntegerField("tertial", choices=Tertial.choices)
    # Days after the tertial's last day (negative: before it), e.g. -14, 7 or 30.
    step = models.SmallIntegerField("dagar efter tertialens slut")
    sent_on = models.DateField("skickad")

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "year", "tertial", "step"],
                name="followup_one_reminder_per_step",
            ),
        ]

    def __str__(self):
        return f"{self.user}: tertial {self.tertial} {self.year} ({self.step:+d} dagar)"
