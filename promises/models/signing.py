"""What the sources say about dates and signatures, and no more: a date known only to the
month or year is stored with its precision, and who signed a period or an agreement."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from simple_history.models import HistoricalRecords


class DatePrecision(models.TextChoices):
    """How much of a stored date the source states. The stored date stays a full date
    (the first or last day of the month or year) so database rules keep working; pages
    show only what is known."""

    DAY = "day", "Dag"
    MONTH = "month", "Månad"
    YEAR = "year", "År"


def format_date(day, precision):
    """ "10 januari 2017", "januari 2017" or "2017", as much as is known."""
    if day is None:
        return ""
    fmt = {DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}.get(precision, "j F Y")
    return formats.date_format(day, fmt)


def format_span(first, last, precision):
    """A span in as much detail as is known: "2023–2026", "januari – juni 2024",
    "1 januari 2024 – 31 december 2024"."""
    if precision == DatePrecision.YEAR:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    return f"{format_date(first, precision)} – {format_date(last, precision)}"


class DateSpan:
    """A span of dates stored in two fields of a model (a period's or an agreement's).
    The rule that a span ends on or after it starts is stated here once: as the database
    constraint and as the form's error, with the same Swedish message."""

    ENDS_BEFORE_START = "Slutdatum kan inte vara före startdatum."

    def __init__(self, first_field, last_field):
        self.first_field, self.last_field = first_field, last_field

    def constraint(self, name):
        return models.CheckConstraint(
            condition=models.Q(**{f"{self.last_field}__gte": models.F(self.first_field)}),
            name=name,
            violation_error_message=self.ENDS_BEFORE_START,
        )

    def errors(self, instance):
        """Swedish errors for the span of `instance`, as a dict for ValidationError: the
        dates must match the stated precision and the span must not end before it starts."""
        first = getattr(instance, self.first_field)
        last = getattr(instance, self.last_field)
        errors = span_precision_errors(
            first, last, instance.dates_precision, self.first_field, self.last_field
        )
        if not errors and first and last and last < first:
            errors[self.last_field] = self.ENDS_BEFORE_START
        return errors


def span_precision_errors(first, last, precision, first_field, last_field):
    """Swedish errors when the stored dates do not match the stated precision: a period
    known by years runs from 1 January to 31 December, one known by months from the
    first to the last day of its months. Returns a dict for ValidationError."""
    errors = {}
    if first is None or last is None or precision == DatePrecision.DAY:
        return errors
    if precision == DatePrecision.YEAR:
        if (first.month, first.day) != (1, 1):
            errors[first_field] = "När bara åren är kända börjar perioden den 1 januari."
        if (last.month, last.day) != (12, 31):
            errors[last_field] = "När bara åren är kända slutar perioden den 31 december."
    elif precision == DatePrecision.MONTH:
        if first.day != 1:
            errors[first_field] = "När bara månaden är känd börjar perioden den 1:a."
        if (last + datetime.timedelta(days=1)).day != 1:
            errors[last_field] = "När bara månaden är känd slutar perioden månadens sista dag."
    return errors


def precision_field(verbose_name="datumen är kända till", **kwargs):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=kwargs.pop(
            "help_text",
            "Välj ”År” när källan bara anger åren (till exempel 2023–2026): då visas bara "
            "åren och datumen ska vara 1 januari och 31 december.",
        ),
        **kwargs,
    )


class Signatory(models.Model):
    """Someone who signed a period or an agreement, as the source names them."""

    name = models.CharField("namn", max_length=200)
    role = models.CharField(
        "roll",
        max_length=200,
        blank=True,
        help_text="Till exempel ”kommunstyrelsens ordförande” eller ”lokalpolisområdeschef”.",
    )
    organisation = models.CharField(
        "organisation",
        max_length=200,
        blank=True,
        help_text="Till exempel ”Järfälla kommun” eller ”Polisen, lokalpolisområde Järfälla”.",
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.role, self.organisation) if part)


class PeriodSignatory(Signatory):
    scope_path = "period__"

    period = models.ForeignKey(
        "promises.PromisePeriod",
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name="medborgarlöfte (period)",
    )
    history = HistoricalRecords(verbose_name="historik för undertecknare")

    class Meta(Signatory.Meta):
        # Told apart from the agreements' signatories in the admin's lists.
        verbose_name = "undertecknare av medborgarlöfte"
        verbose_name_plural = "undertecknare av medborgarlöften"


class AgreementSignatory(Signatory):
    scope_path = "agreement__"

    agreement = models.ForeignKey(
        "promises.CooperationAgreement",
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name="samverkansöverenskommelse",
    )
    history = HistoricalRecords(verbose_name="historik för undertecknare av överenskommelse")

    class Meta(Signatory.Meta):
        verbose_name = "undertecknare av överenskommelse"
        verbose_name_plural = "undertecknare av samverkansöverenskommelser"


class SignedMixin(models.Model):
    """The signing date of a period or agreement, with how much of it is known."""

    signed_on = models.DateField(
        "undertecknat",
        null=True,
        blank=True,
        help_text="Lämna tomt om källan inte säger när. Är bara månaden eller året känt: "
        "ange den första dagen och välj precision.",
    )
    signed_precision = precision_field(
        "undertecknandedatumet är känt till",
        help_text="”Månad” visas som ”januari 2017”, ”År” som ”2017”.",
    )

    class Meta:
        abstract = True

    @property
    def signed_label(self):
        return format_date(self.signed_on, self.signed_precision)

    def clean_signed(self):
        """A signing date known to the month or year is stored as its first day."""
        if not self.signed_on or self.signed_precision == DatePrecision.DAY:
            return
        first_day = self.signed_on.day == 1 and (
            self.signed_precision == DatePrecision.MONTH or self.signed_on.month == 1
        )
        if not first_day:
            raise ValidationError(
                {"signed_on": "Ange den första dagen i månaden eller året som är känt."}
            )
