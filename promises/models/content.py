"""What a period holds: its promises (löften), goals and activities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.publishing import PublicationStatus

from .period import PromisePeriod


class PeriodContentQuerySet(models.QuerySet):
    def public(self):
        """Promises, goals and activities of published periods: what citizens may see."""
        return self.filter(period__status=PublicationStatus.PUBLISHED, period__announced=False)


class Promise(models.Model):
    """A commitment (löfte) within a period."""

    scope_path = "period__"

    period = models.ForeignKey(
        PromisePeriod, on_delete=models.CASCADE, related_name="promises", verbose_name="period"
    )
    title = models.CharField("löfte", max_length=300)
    description = models.TextField("beskrivning", blank=True)
    order = models.PositiveSmallIntegerField("ordning", default=0)

    objects = PeriodContentQuerySet.as_manager()
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

    scope_path = "period__"

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

    objects = PeriodContentQuerySet.as_manager()

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
    POLICE = "polisen", _("Polisen")
    MUNICIPALITY = "kommunen", _("Kommunen")
    JOINT = "gemensamt", _("Polisen och kommunen gemensamt")
    OTHER = "annan", _("Annan aktör")


PROMISER_HEADINGS = {
    ResponsibleParty.POLICE: _("Polisen lovar"),
    ResponsibleParty.MUNICIPALITY: _("Kommunen lovar"),
    ResponsibleParty.JOINT: _("Polisen och kommunen lovar"),
}
# How an activity's party and target are put in words, stated once: the properties below
# fill them with plain text, the public pages (portal/templatetags/promise_words.py)
# with the partner and the unit as content passages, marked with their language.
OTHER_PARTY_PROMISES = _("{party} lovar")
TOGETHER_WITH = _("{party} tillsammans med {partner}")
AT_LEAST = _("minst {count} {unit}")


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
    def promiser_heading(self):
        """Who promises it, as promises are written: "Polisen lovar", "Vätterhem lovar"."""
        if self.responsible == ResponsibleParty.OTHER:
            return OTHER_PARTY_PROMISES.format(party=self.partner_name)
        return str(PROMISER_HEADINGS[self.responsible])

    @property
    def target_label(self):
        """ "minst 50 trafikkontroller", or "" without a measurable target."""
        if self.target_count is None:
            return ""
        return AT_LEAST.format(count=self.target_count, unit=self.target_unit)

    @property
    def responsible_label(self):
        """Who carries it out, as one phrase: "Kommunen tillsammans med Vätterhem"."""
        if self.responsible == ResponsibleParty.OTHER:
            return self.partner_name
        label = str(self.get_responsible_display())
        return (
            TOGETHER_WITH.format(party=label, partner=self.partner_name)
            if self.partner_name
            else label
        )

    def clean(self):
        super().clean()
        if self.responsible == ResponsibleParty.OTHER and not self.partner_name:
            raise ValidationError({"partner_name": "Ange vilken aktör som ansvarar."})
        if self.target_count is not None and not self.target_unit:
            raise ValidationError({"target_unit": "Ange en enhet, till exempel ”tillfällen”."})
