"""A promise period: one citizen promise of one municipality with its police area."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.publishing import Publishable, PublishableQuerySet
from municipalities.models import LocalPoliceArea, Municipality

from .signing import DatePrecision, DateSpan, SignedMixin, format_span, precision_field


class PeriodState(models.TextChoices):
    """Where a period stands on a given day; the one definition views and templates use."""

    CURRENT = "current", _("gäller nu")
    UPCOMING = "upcoming", _("har inte börjat gälla")
    ENDED = "ended", _("har upphört")

    @property
    def has_ended(self):
        return self is PeriodState.ENDED

    @property
    def heading(self):
        """How the municipality page heads the period it features in this state."""
        return {
            PeriodState.CURRENT: _("Gällande medborgarlöfte"),
            PeriodState.UPCOMING: _("Kommande medborgarlöfte"),
            PeriodState.ENDED: _("Senaste medborgarlöftet"),
        }[self]


class PromisePeriodQuerySet(PublishableQuerySet):
    def public(self):
        """Published periods in force or past or coming with their content: an announced
        period (only its announcement is known) is never listed as a promise."""
        return super().public().filter(announced=False)

    def announcements(self):
        """Published announcements of coming periods, shown as "Aviserat: …"."""
        return self.published().filter(announced=True)

    def for_municipality(self, municipality):
        """Periods of one municipality, newest first."""
        return self.filter(municipality=municipality).order_by("-starts_on")

    def current(self, at=None):
        """Periods in force on a date (today by default)."""
        day = at or timezone.localdate()
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def overlapping(self, municipality, starts_on, ends_on):
        """Periods of a municipality that share at least one day with the given span."""
        return self.filter(
            municipality=municipality, starts_on__lte=ends_on, ends_on__gte=starts_on
        )

    def newest_first(self):
        """Newest period first (by start date)."""
        return self.order_by("-starts_on", "-pk")

    def with_place(self):
        """Periods with their municipality, county and police area in the same query."""
        return self.select_related("municipality__county", "police_area")


PERIOD_SPAN = DateSpan("starts_on", "ends_on")


class PromisePeriod(SignedMixin, Publishable):
    """One citizen promise of one municipality with its local police area."""

    # Coordinator scope (municipalities.scope): the period itself names its
    # municipality and police area.
    scope_path = ""
    # The free-text fields, in the order the page and the admin show them; stated once
    # for the admin, the seed loader and search.
    TEXT_FIELDS = (
        "lead",
        "situation",
        "basis",
        "expected_effect",
        "partners",
        "follow_up_method",
        "source_note",
    )

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="promise_periods",
        verbose_name="kommun",
    )
    police_area = models.ForeignKey(
        LocalPoliceArea,
        on_delete=models.PROTECT,
        related_name="promise_periods",
        verbose_name="lokalpolisområde",
    )
    slug = models.SlugField(
        "kortnamn i webbadressen",
        max_length=40,
        blank=True,
        help_text="Lämna tomt så bildas det av åren, till exempel 2019-2020.",
    )
    title = models.CharField(
        "rubrik", max_length=200, help_text="Till exempel ”Medborgarlöfte 2019–2020”."
    )
    starts_on = models.DateField("gäller från")
    ends_on = models.DateField("gäller till och med")
    # The stored dates stay full dates (database rules and tertial checks use them);
    # the page shows only as much as the source states.
    dates_precision = precision_field()
    announced = models.BooleanField(
        "aviserat",
        default=False,
        help_text="Perioden är aviserad men innehållet är inte publicerat: sidan för kommunen "
        "visar bara aviseringen, aldrig som ett gällande löfte.",
    )
    announcement = models.TextField(
        "avisering",
        blank=True,
        help_text="Visas som ”Aviserat: …”, till exempel ”medborgarlöften 2025–2027 "
        "undertecknas våren 2025”.",
    )
    keep_source_order = models.BooleanField(
        "behåll källans ordning",
        default=False,
        help_text="Visa aktiviteterna i källans ordning i stället för grupperade efter vem "
        "som lovar (”Polisen lovar”, ”Kommunen lovar” …), när grupperingen bryter meningen.",
    )
    lead = models.TextField(
        "ingress",
        blank=True,
        help_text="Några meningar om vad polis och kommun lovar och under vilken tid.",
    )
    situation = models.TextField(
        "lägesbild",
        blank=True,
        help_text="Den gemensamma lägesbilden: vilka problem och platser löftet gäller och varför.",
    )
    basis = models.TextField(
        "underlag",
        blank=True,
        help_text="Vad löftet bygger på: medborgardialoger, brottsstatistik, trygghetsmätningar.",
    )
    expected_effect = models.TextField(
        "förväntad effekt", blank=True, help_text="Vad boende ska märka när löftet är uppfyllt."
    )
    partners = models.TextField(
        "samarbetsparter",
        blank=True,
        help_text="Andra aktörer än polis och kommun som deltar, till exempel bostadsbolag.",
    )
    follow_up_method = models.TextField(
        "så följs löftet upp",
        blank=True,
        help_text="Hur och hur ofta polis och kommun följer upp arbetet.",
    )
    source_note = models.TextField(
        "om uppgifterna",
        blank=True,
        help_text="Visas publikt: vad som inte är känt om perioden, till exempel saknat innehåll.",
    )

    objects = PromisePeriodQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historik för medborgarlöfte")

    class Meta:
        ordering = ["municipality__name", "-starts_on"]
        verbose_name = "medborgarlöfte (period)"
        verbose_name_plural = "medborgarlöften (perioder)"
        constraints = [
            PERIOD_SPAN.constraint("promise_period_ends_after_start"),
            models.CheckConstraint(
                condition=Q(announced=False) | ~Q(announcement=""),
                name="promise_period_announcement_text",
                violation_error_message="Skriv aviseringen, till exempel när löftet undertecknas.",
            ),
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="promise_period_unique_slug_per_municipality",
                violation_error_message="Kommunen har redan en period med samma kortnamn.",
            ),
            # Overlap is refused by the database too: an exclusion constraint on
            # PostgreSQL and a trigger on SQLite (see migration 0002).
        ]
        indexes = [
            models.Index(
                fields=["municipality", "status", "-starts_on"], name="period_muni_status"
            ),
        ]

    def __str__(self):
        return f"{self.municipality.name}: {self.title}"

    def get_absolute_url(self):
        return reverse(
            "portal:period",
            kwargs={"municipality_slug": self.municipality.slug, "slug": self.slug},
        )

    @property
    def years_label(self):
        """ "2019–2020" or "2024", as the periods are named on the source pages."""
        first, last = self.starts_on.year, self.ends_on.year
        return str(first) if first == last else f"{first}–{last}"

    @property
    def span_label(self):
        """The period's dates as known: "2023–2026", or "1 januari 2024 – 31 december 2024"."""
        return format_span(self.starts_on, self.ends_on, self.dates_precision)

    @property
    def known_by_years(self):
        return self.dates_precision == DatePrecision.YEAR

    def default_slug(self):
        return slugify(self.years_label.replace("–", "-"))

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def state_on(self, day: datetime.date | None = None) -> PeriodState:
        """Current, upcoming or ended on `day` (today by default)."""
        day = day or timezone.localdate()
        if self.covers(day):
            return PeriodState.CURRENT
        return PeriodState.UPCOMING if self.starts_on > day else PeriodState.ENDED

    @staticmethod
    def featured_among(periods, at=None):
        """The one period a municipality's page features: of `periods` (newest first),
        the one in force on `at` (today by default), else the newest."""
        day = at or timezone.localdate()
        return next((p for p in periods if p.covers(day)), periods[0] if periods else None)

    def sections(self, *, with_goals=True):
        """The period's promises, each with its goals and activities, and the goals and
        activities that apply to the whole period. Uses prefetched rows (see
        period_content_prefetches): the one place activities are grouped under promises.
        A page that shows no goals passes with_goals=False and need not load them."""
        sections = {p.pk: PromiseSection(p) for p in self.promises.all()}
        general = PromiseSection(None)
        for goal in self.goals.all() if with_goals else ():
            sections.get(goal.promise_id, general).goals.append(goal)
        for activity in self.activities.all():
            sections.get(activity.promise_id, general).activities.append(activity)
        for section in (*sections.values(), general):
            section.groups = group_by_party(section.activities, self.keep_source_order)
        return list(sections.values()), general

    def clean(self):
        super().clean()
        self.clean_signed()
        if self.announced and not self.announcement.strip():
            raise ValidationError(
                {"announcement": "Skriv aviseringen, till exempel när löftet undertecknas."}
            )
        errors = PERIOD_SPAN.errors(self)
        if errors:
            raise ValidationError(errors)
        if self.starts_on and self.ends_on:
            if not self.slug:
                self.slug = self.default_slug()
            if self.municipality_id:
                clash = (
                    PromisePeriod.objects.overlapping(
                        self.municipality_id, self.starts_on, self.ends_on
                    )
                    .exclude(pk=self.pk)
                    .first()
                )
                if clash:
                    raise ValidationError(
                        {
                            "starts_on": (
                                f"Perioden överlappar ”{clash.title}” "
                                f"({clash.starts_on:%Y-%m-%d}–{clash.ends_on:%Y-%m-%d}). "
                                "En kommun kan bara ha ett medborgarlöfte åt gången."
                            )
                        }
                    )
        if self.municipality_id and self.police_area_id:
            serves = self.police_area.municipalities.filter(pk=self.municipality_id).exists()
            if not serves:
                raise ValidationError(
                    {"police_area": "Lokalpolisområdet arbetar inte i den valda kommunen."}
                )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.default_slug()
        super().save(*args, **kwargs)


@dataclass
class PromiseSection:
    """One promise (None: the whole period) with the goals and activities under it, and
    the activities grouped the way promises are written (`groups`)."""

    promise: object
    goals: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    groups: list = field(default_factory=list)


@dataclass
class PartyGroup:
    """Activities one party promises: heading "Polisen lovar" (None: the source's order)."""

    heading: str | None
    activities: list = field(default_factory=list)


def group_by_party(activities, keep_source_order=False):
    """Activities grouped by who promises ("Polisen lovar", "Kommunen lovar", "Polisen och
    kommunen lovar", "<partner> lovar"), groups in the order the source first names each
    party and activities in source order within each. A period whose coordinator chose
    to keep the source's order gets one group without a heading."""
    if keep_source_order:
        return [PartyGroup(None, list(activities))] if activities else []
    groups = {}
    for activity in activities:
        heading = activity.promiser_heading
        groups.setdefault(heading, PartyGroup(heading)).activities.append(activity)
    return list(groups.values())
