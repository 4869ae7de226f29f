"""Each rule is refused by the database itself (bypassing forms), on SQLite and on
PostgreSQL, and explained in Swedish by clean() for the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup.models import ActivityStatus, FollowUpReport, tertial_span
from promises.models import Activity, PromisePeriod

from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    FollowUpReportFactory,
    PromiseFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_period_cannot_end_before_it_starts():
    existing = PromisePeriodFactory()
    backwards = PromisePeriod(
        municipality=existing.municipality,
        police_area=existing.police_area,
        title="Baklänges",
        starts_on=D(2026, 6, 1),
        ends_on=D(2026, 5, 31),
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "Slutdatum kan inte vara före startdatum." in str(error.value)
    refused(lambda: PromisePeriod.objects.filter(pk=existing.pk).update(ends_on=D(2023, 1, 1)))


def test_periods_of_one_municipality_never_overlap():
    first = PromisePeriodFactory(starts_on=D(2023, 1, 1), ends_on=D(2024, 12, 31), slug="a")
    overlapping = PromisePeriod(
        municipality=first.municipality,
        police_area=first.police_area,
        title="Medborgarlöfte 2024–2025",
        starts_on=D(2024, 12, 31),
        ends_on=D(2025, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "överlappar" in error.value.message_dict["starts_on"][0]
    refused(overlapping.save)
    # The day after is fine, and another municipality may share the dates.
    overlapping.starts_on = D(2025, 1, 1)
    overlapping.full_clean()
    overlapping.save()
    PromisePeriodFactory(starts_on=D(2023, 1, 1), ends_on=D(2024, 12, 31))


def test_moving_a_period_onto_another_is_refused():
    first = PromisePeriodFactory(starts_on=D(2023, 1, 1), ends_on=D(2023, 12, 31))
    second = PromisePeriodFactory(
        municipality=first.municipality,
        police_area=first.police_area,
        starts_on=D(2024, 1, 1),
        ends_on=D(2024, 12, 31),
    )
    refused(lambda: PromisePeriod.objects.filter(pk=second.pk).update(starts_on=D(2023, 6, 1)))


def test_one_report_per_period_year_and_tertial():
    report = FollowUpReportFactory()
    duplicate = FollowUpReport(period=report.period, year=report.year, tertial=report.tertial)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Det finns redan en uppföljning för den tertialen." in str(error.value)
    refused(duplicate.save)


def test_a_tertial_must_lie_in_its_period():
    period = PromisePeriodFactory(starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    outside = FollowUpReport(period=period, year=2025, tertial=1)
    with pytest.raises(ValidationError) as error:
        outside.full_clean()
    assert "Tertial 1 2025 ligger utanför perioden" in error.value.message_dict["tertial"][0]
    refused(outside.save)
    refused(lambda: FollowUpReport.objects.create(period=period, year=2024, tertial=4))
    # Shortening the period so an existing report falls outside is refused too.
    FollowUpReportFactory(period=period, year=2024, tertial=3)
    refused(lambda: PromisePeriod.objects.filter(pk=period.pk).update(ends_on=D(2024, 6, 30)))


def test_a_period_starting_mid_tertial_can_report_that_tertial():
    period = PromisePeriodFactory(starts_on=D(2021, 11, 18), ends_on=D(2022, 12, 31))
    FollowUpReport.objects.create(period=period, year=2021, tertial=3)


def test_one_status_per_report_and_activity():
    status = ActivityStatusFactory()
    duplicate = ActivityStatus(report=status.report, activity=status.activity, status="pagar")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    refused(duplicate.save)


def test_a_status_activity_belongs_to_the_reports_period():
    report = FollowUpReportFactory()
    stranger = ActivityFactory()  # an activity of another municipality's period
    wrong = ActivityStatus(report=report, activity=stranger, status="pagar")
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "hör inte till uppföljningens period" in str(error.value)
    refused(wrong.save)


def test_an_activitys_promise_belongs_to_the_same_period():
    promise = PromiseFactory()
    other_period = PromisePeriodFactory()
    wrong = Activity(period=other_period, promise=promise, text="X", responsible="polisen")
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "Löftet hör till en annan period." in str(error.value)
    refused(wrong.save)


def test_another_responsible_party_must_be_named():
    period = PromisePeriodFactory()
    activity = Activity(period=period, text="X", responsible="annan")
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "Ange vilken aktör som ansvarar." in str(error.value)
    refused(lambda: Activity.objects.create(period=period, text="X", responsible="annan"))


def test_the_police_area_must_serve_the_municipality():
    period = PromisePeriodFactory()
    period.police_area = PromisePeriodFactory().police_area
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "arbetar inte i den valda kommunen" in str(error.value)


@pytest.mark.parametrize(
    ("tertial", "first", "last"),
    [
        (1, D(2024, 1, 1), D(2024, 4, 30)),
        (2, D(2024, 5, 1), D(2024, 8, 31)),
        (3, D(2024, 9, 1), D(2024, 12, 31)),
    ],
)
def test_tertial_spans(tertial, first, last):
    assert tertial_span(2024, tertial) == (first, last)


def test_published_at_is_set_on_publication_and_kept():
    period = PromisePeriodFactory(status="draft")
    assert period.published_at is None
    period.status = "published"
    period.save()
    first = period.published_at
    assert first is not None
    period.save()
    assert period.published_at == first
    assert PromisePeriod.objects.published().filter(pk=period.pk).exists()


def test_current_period_query():
    period = PromisePeriodFactory(starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    assert list(PromisePeriod.objects.current(at=D(2024, 6, 1))) == [period]
    assert not PromisePeriod.objects.current(at=D(2025, 1, 1)).exists()
