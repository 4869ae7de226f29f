"""Citizen promises: periods, their promises (löften), goals and activities, and the
cooperation agreements municipalities sign with their local police area."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from municipalities.models import LocalPoliceArea, Municipality

from .publishing import Publishable, PublishableQuerySet


class PromisePeriodQuerySet(PublishableQuerySet):
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


class PromisePeriod(Publishable):
    """One citizen promise of one municipality with its local police area."""

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
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="promise_period_ends_after_start",
                violation_error_message="Slutdatum kan inte vara före startdatum.",
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
            "promises:period",
            kwargs={"municipality_slug": self.municipality.slug, "slug": self.slug},
        )

    @property
    def years_label(self):
        """ "2019–2020" or "2024", as the periods are named on the source pages."""
        first, last = self.starts_on.year, self.ends_on.year
        return str(first) if first == last else f"{first}–{last}"

    def default_slug(self):
        return slugify(self.years_label.replace("–", "-"))

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "Slutdatum kan inte vara före startdatum."})
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


class Promise(models.Model):
    """A commitment (löfte) within a period."""

    period = models.ForeignKey(
        PromisePeriod, on_delete=models.CASCADE, related_name="promises", verbose_name="period"
    )
    title = models.CharField("löfte", max_length=300)
    description = models.TextField("beskrivning", blank=True)
    order = models.PositiveSmallIntegerField("ordning", default=0)

    history = HistoricalRecords(verbose_name="historik för löfte")

    class Meta:
        ordering = ["period", "order", "pk"]
        verbose_name = "löfte"
        verbose_name_plural = "löften"

    def __str__(self):
        return self.title


def period_content_prefetches():
    """Prefetches for what a period page shows: promises, goals and activities, ordered.

    A function (not a constant) because the models it names are defined further down.
    """
    return (
        models.Prefetch("promises", queryset=Promise.objects.order_by("order", "pk")),
        models.Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
        models.Prefetch("activities", queryset=Activity.objects.order_by("order", "pk")),
    )


class PeriodPart(models.Model):
    """A goal or activity: it belongs to a period and, when the source says so, to one
    of that period's promises (some sources list activities for all promises at once)."""

    period = models.ForeignKey(PromisePeriod, on_delete=models.CASCADE, verbose_name="period")
    promise = models.ForeignKey(
        Promise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="löfte",
        help_text="Lämna tomt om den gäller periodens alla löften.",
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.promise_id and self.period_id and self.promise.period_id != self.period_id:
            raise ValidationError({"promise": "Löftet hör till en annan period."})


class Goal(PeriodPart):
    """A goal (målsättning), optionally with a deadline."""

    text = models.TextField("mål")
    deadline = models.DateField("ska vara uppnått senast", null=True, blank=True)

    history = HistoricalRecords(verbose_name="historik för mål")

    class Meta:
        ordering = ["period", "order", "pk"]
        verbose_name = "mål"
        verbose_name_plural = "mål"
        default_related_name = "goals"

    def __str__(self):
        return self.text[:80]


class ResponsibleParty(models.TextChoices):
    POLICE = "polisen", "Polisen"
    MUNICIPALITY = "kommunen", "Kommunen"
    JOINT = "gemensamt", "Polisen och kommunen gemensamt"
    OTHER = "annan", "Annan aktör"


class Activity(PeriodPart):
    """Something a named party does to keep a promise; followed up each tertial."""

    text = models.TextField("aktivitet")
    responsible = models.CharField("ansvarig", max_length=10, choices=ResponsibleParty.choices)
    partner_name = models.CharField(
        "samarbetspart",
        max_length=200,
        blank=True,
        help_text="Den andra aktören, till exempel ett bostadsbolag eller föreningar. "
        "Krävs när ansvarig är ”Annan aktör”.",
    )
    target_count = models.PositiveIntegerField(
        "mätbart mål (antal)",
        null=True,
        blank=True,
        help_text="Till exempel 4 för ”vid minst fyra tillfällen”.",
    )
    target_unit = models.CharField(
        "enhet", max_length=60, blank=True, help_text="Till exempel ”tillfällen” eller ”ärenden”."
    )

    history = HistoricalRecords(verbose_name="historik för aktivitet")

    class Meta:
        ordering = ["period", "order", "pk"]
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        default_related_name = "activities"
        constraints = [
            models.CheckConstraint(
                condition=~Q(responsible="annan") | ~Q(partner_name=""),
                name="activity_other_party_named",
                violation_error_message="Ange vilken aktör som ansvarar.",
            ),
            models.CheckConstraint(
                condition=Q(target_count__isnull=True) | ~Q(target_unit=""),
                name="activity_target_has_unit",
                violation_error_message="Ange en enhet för det mätbara målet.",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def responsible_label(self):
        """Who carries it out, as one phrase: "Kommunen tillsammans med Vätterhem"."""
        if self.responsible == ResponsibleParty.OTHER:
            return self.partner_name
        label = self.get_responsible_display()
        return f"{label} tillsammans med {self.partner_name}" if self.partner_name else label

    def clean(self):
        super().clean()
        if self.responsible == ResponsibleParty.OTHER and not self.partner_name:
            raise ValidationError({"partner_name": "Ange vilken aktör som ansvarar."})
        if self.target_count is not None and not self.target_unit:
            raise ValidationError({"target_unit": "Ange en enhet, till exempel ”tillfällen”."})


class CooperationAgreementQuerySet(PublishableQuerySet):
    def for_municipality(self, municipality):
        """Agreements of one municipality, newest first."""
        return self.filter(municipality=municipality).order_by("-valid_from")

    def with_place(self):
        """Agreements with their municipality, county and police area in the same query."""
        return self.select_related("municipality__county", "police_area")


class CooperationAgreement(Publishable):
    """A samverkansöverenskommelse between a municipality and its local police area."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
        verbose_name="kommun",
    )
    police_area = models.ForeignKey(
        LocalPoliceArea,
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
        verbose_name="lokalpolisområde",
    )
    title = models.CharField("rubrik", max_length=200)
    valid_from = models.DateField("gäller från")
    valid_to = models.DateField("gäller till och med")
    may_be_extended = models.BooleanField("kan förlängas", default=False)
    summary = models.TextField("sammanfattning", blank=True)
    focus_areas = models.TextField("fokusområden", blank=True, help_text="Ett fokusområde per rad.")
    body = models.TextField("beskrivning", blank=True)
    quote = models.TextField("citat", blank=True)
    quote_by = models.CharField("citatet av", max_length=200, blank=True)

    objects = CooperationAgreementQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historik för överenskommelse")

    class Meta:
        ordering = ["municipality__name", "-valid_from"]
        verbose_name = "samverkansöverenskommelse"
        verbose_name_plural = "samverkansöverenskommelser"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="agreement_ends_after_start",
                violation_error_message="Slutdatum kan inte vara före startdatum.",
            ),
        ]

    def __str__(self):
        return f"{self.municipality.name}: {self.title}"

    def get_absolute_url(self):
        return reverse(
            "promises:agreement",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def focus_area_list(self):
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Slutdatum kan inte vara före startdatum."})
