"""The follow-up services: a report is created with a row per activity, atomically and
validated; publishing needs a published period."""

import pytest
from django.core.exceptions import ValidationError

from followup import services
from followup.models import ActivityStatus, FollowUpReport

from .factories import ActivityFactory, FollowUpReportFactory, PromisePeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    period = PromisePeriodFactory()
    for order in range(3):
        ActivityFactory(period=period, order=order, text=f"Aktivitet {order + 1}")
    ActivityFactory()  # another period's activity gets no row
    return period


def test_create_report_makes_a_draft_with_one_row_per_activity(period):
    report = services.create_report(period=period, year=2024, tertial=2, summary="Hittills")
    assert report.status == "draft" and report.summary == "Hittills"
    rows = list(report.statuses.order_by("activity__order"))
    assert [row.activity.text for row in rows] == ["Aktivitet 1", "Aktivitet 2", "Aktivitet 3"]
    assert {row.status for row in rows} == {
        "ingen_uppgift"
    }  # the issue makes "Ingen uppgift" the default


def test_create_report_refuses_a_tertial_outside_the_period(period):
    with pytest.raises(ValidationError) as error:
        services.create_report(period=period, year=2025, tertial=1)
    assert "ligger utanför perioden" in error.value.message_dict["tertial"][0]
    assert not FollowUpReport.objects.exists()
    assert not ActivityStatus.objects.exists()


def test_create_report_refuses_a_second_report_for_the_tertial(period):
    services.create_report(period=period, year=2024, tertial=1)
    with pytest.raises(ValidationError, match="Det finns redan en uppföljning för den tertialen"):
        services.create_report(period=period, year=2024, tertial=1)
    assert FollowUpReport.objects.count() == 1
    assert ActivityStatus.objects.count() == 3


def test_add_missing_statuses_adds_only_new_activities(period):
    report = services.create_report(period=period, year=2024, tertial=1)
    assert services.add_missing_statuses(report=report) == 0
    ActivityFactory(period=period, text="Ny aktivitet")
    assert services.add_missing_statuses(report=report) == 1
    assert report.statuses.filter(activity__text="Ny aktivitet").exists()


def test_publish_report(period):
    report = services.create_report(period=period, year=2024, tertial=1)
    published = services.publish_report(report=report)
    assert published.status == "published" and published.published_at is not None
    first_published_at = published.published_at
    # Unpublishing and publishing again keeps the first publication time.
    services.unpublish_report(report=report)
    again = services.publish_report(report=report)
    assert again.published_at == first_published_at
    assert FollowUpReport.objects.public().filter(pk=report.pk).exists()


def test_publish_report_needs_a_published_period():
    period = PromisePeriodFactory(status="draft", title="Utkastlöftet")
    report = FollowUpReportFactory(period=period, status="draft")
    with pytest.raises(
        ValidationError, match="förrän medborgarlöftet ”Utkastlöftet” är publicerat"
    ):
        services.publish_report(report=report)
    report.refresh_from_db()
    assert report.status == "draft"
