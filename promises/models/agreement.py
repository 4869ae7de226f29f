"""Cooperation agreements (samverkansöverenskommelser)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.publishing import Publishable, PublishableQuerySet
from municipalities.models import LocalPoliceArea, Municipality

from .signing import DateSpan, SignedMixin, format_span, precision_field


class Extension(models.TextChoices):
    """May the agreement be extended: only what the source says."""

    YES = "ja", _("Ja")
    NO = "nej", _("Nej")
    NOT_STATED = "ej_angivet", _("Framgår inte")


class CooperationAgreementQuerySet(PublishableQuerySet):
    def for_municipality(self, municipality):
        """Agreements of one municipality, newest first."""
        return self.filter(municipality=municipality).order_by("-valid_from")

    def with_place(self):
        """Agreements with their municipality, county and police area in the same query."""
        return self.select_related("municipality__county", "police_area")


AGREEMENT_SPAN = DateSpan("valid_from", "valid_to")


class CooperationAgreement(SignedMixin, Publishable):
    """A samverkansöverenskommelse between a municipality and its local police area."""

    scope_path = ""

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
    dates_precision = precision_field()
    may_be_extended = models.CharField(
        "kan förlängas",
        max_length=10,
        choices=Extension.choices,
        default=Extension.NOT_STATED,
        help_text="Välj ”Framgår inte” när källan inte säger något om förlängning.",
    )
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
            AGREEMENT_SPAN.constraint("agreement_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.municipality.name}: {self.title}"

    def get_absolute_url(self):
        return reverse(
            "portal:agreement",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def span_label(self):
        return format_span(self.valid_from, self.valid_to, self.dates_precision)

    @property
    def extension_stated(self):
        return self.may_be_extended != Extension.NOT_STATED

    @property
    def focus_area_list(self):
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        self.clean_signed()
        errors = AGREEMENT_SPAN.errors(self)
        if errors:
            raise ValidationError(errors)
