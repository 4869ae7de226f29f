"""Issue 14: the model says what the sources say and "not known" honestly — signatories
and signing dates with precision, dates known by years, "Ingen uppgift" as the default
status, may-be-extended as yes / no / not stated, and announced periods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup import services
from followup.models import ActivityStatus, ActivityStatusChoice
from portal.report import status_counts
from promises.models import (
    Activity,
    CooperationAgreement,
    DatePrecision,
    Extension,
    PeriodSignatory,
    PromisePeriod,
    format_date,
    format_span,
)

from .factories import (
    ActivityFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_dates_are_shown_only_as_precisely_as_known():
    assert format_date(D(2017, 1, 10), DatePrecision.DAY) == "10 januari 2017"
    assert format_date(D(2017, 1, 1), DatePrecision.MONTH) == "januari 2017"
    assert format_date(D(2017, 1, 1), DatePrecision.YEAR) == "2017"
    assert format_span(D(2023, 1, 1), D(2026, 12, 31), DatePrecision.YEAR) == "2023–2026"
    assert format_span(D(2024, 1, 1), D(2024, 12, 31), DatePrecision.YEAR) == "2024"
    assert (
        format_span(D(2024, 1, 1), D(2024, 6, 30), DatePrecision.MONTH)
        == "januari 2024 – juni 2024"
    )


def test_a_period_known_by_years_must_run_whole_years():
    period = PromisePeriodFactory()
    period.starts_on, period.ends_on = D(2023, 3, 1), D(2026, 12, 30)
    period.dates_precision = DatePrecision.YEAR
    with pytest.raises(ValidationError) as error:
        period.clean()
    assert "1 januari" in str(error.value.message_dict["starts_on"])
    assert "31 december" in str(error.value.message_dict["ends_on"])


def test_a_period_known_by_years_keeps_its_stored_dates_for_the_tertial_rules():
    period = PromisePeriodFactory(
        starts_on=D(2023, 1, 1), ends_on=D(2026, 12, 31), dates_precision=DatePrecision.YEAR
    )
    assert period.span_label == "2023–2026"
    report = FollowUpReportFactory.build(period=period, year=2027, tertial=1)
    with pytest.raises(ValidationError):
        report.clean()
    assert PromisePeriod.objects.current(D(2026, 12, 31)).filter(pk=period.pk).exists()


def test_signatories_and_signing_date_with_precision():
    period = PromisePeriodFactory(signed_on=D(2017, 1, 1), signed_precision="month")
    PeriodSignatory.objects.create(
        period=period, name="Anna Andersson", role="kommunstyrelsens ordförande", order=1
    )
    PeriodSignatory.objects.create(
        period=period, name="Bo Berg", role="lokalpolisområdeschef", organisation="Polisen"
    )
    assert period.signed_label == "januari 2017"
    assert [str(s) for s in period.signatories.all()] == [
        "Bo Berg, lokalpolisområdeschef, Polisen",
        "Anna Andersson, kommunstyrelsens ordförande",
    ]
    period.signed_on = D(2017, 1, 10)
    with pytest.raises(ValidationError) as error:
        period.clean()
    assert "första dagen" in str(error.value)


def test_new_status_rows_say_ingen_uppgift_and_are_counted_apart():
    period = PromisePeriodFactory()
    activities = [ActivityFactory(period=period) for _ in range(5)]
    report = services.create_report(period=period, year=2024, tertial=1)
    rows = list(report.statuses.all())
    assert {row.status for row in rows} == {ActivityStatusChoice.NO_INFORMATION}
    assert ActivityStatus(report=report, activity=activities[0]).status == "ingen_uppgift"
    for row, value in zip(rows, ["genomford", "pagar", "ej_paborjad"], strict=False):
        row.status = value
        row.save()
    rows = list(report.statuses.all())
    counts = {c.label: c.count for c in status_counts(rows, 5)}
    assert counts["Ingen uppgift"] == 2 and counts["Ej påbörjad"] == 1
    assert sum(1 for row in rows if row.has_information) == 3


def test_may_be_extended_is_yes_no_or_not_stated():
    assert CooperationAgreementFactory().may_be_extended == Extension.NOT_STATED
    values = {a.may_be_extended for a in CooperationAgreement.objects.all()}
    assert values == {"ej_angivet"}
    yes = CooperationAgreementFactory(may_be_extended=Extension.YES)
    assert yes.extension_stated and yes.get_may_be_extended_display() == "Ja"


def test_an_announcement_needs_its_text_and_is_never_a_public_promise():
    with pytest.raises(IntegrityError), transaction.atomic():
        PromisePeriodFactory(announced=True, announcement="")
    announced = PromisePeriodFactory(
        announced=True,
        announcement="medborgarlöften 2025–2027 undertecknas våren 2025",
        starts_on=D(2025, 1, 1),
        ends_on=D(2027, 12, 31),
        dates_precision=DatePrecision.YEAR,
    )
    ActivityFactory(period=announced)
    assert not PromisePeriod.objects.public().filter(pk=announced.pk).exists()
    assert not PromisePeriod.objects.public().current(D(2026, 1, 1)).exists()
    assert list(PromisePeriod.objects.announcements()) == [announced]
    assert not Activity.objects.public().filter(period=announced).exists()


def test_seed_periods_are_known_by_years_and_the_agreement_may_be_extended(seed_content):
    jarfalla = PromisePeriod.objects.get(municipality__code="0123", slug="2019-2020")
    assert jarfalla.dates_precision == "year" and jarfalla.span_label == "2019–2020"
    agreement = CooperationAgreement.objects.get(municipality__code="0123")
    assert agreement.may_be_extended == Extension.YES
    assert agreement.dates_precision == "day"
    # The sources name no signatories: nothing is invented.
    assert not PeriodSignatory.objects.exists()
    assert not PromisePeriod.objects.exclude(signed_on=None).exists()
