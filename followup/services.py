"""The follow-up workflow: create a tertial report with a row per activity, publish it."""

from django.db import transaction

from core import publishing
from core.publishing import attribute_to

from .models import ActivityStatus, ActivityStatusChoice, FollowUpReport


@transaction.atomic
def create_report(*, period, year, tertial, summary="", user=None):
    """A draft report for one tertial of a period, with one status row per activity of
    the period ("ingen uppgift"), ready to be filled in. Raises ValidationError in Swedish
    (tertial outside the period, a report for the tertial already exists)."""
    report = FollowUpReport(period=period, year=year, tertial=tertial, summary=summary)
    report.full_clean()
    attribute_to(report, user).save()
    add_missing_statuses(report=report, user=user)
    return report


@transaction.atomic
def add_missing_statuses(*, report, user=None):
    """A status row for every activity of the report's period that has none yet (for
    activities added to the period after the report was created). Returns how many."""
    has_row = report.statuses.values("activity_id")
    missing = report.period.activities.exclude(pk__in=has_row).order_by("order", "pk")
    created = 0
    for activity in missing:
        status = ActivityStatus(
            report=report, activity=activity, status=ActivityStatusChoice.NO_INFORMATION
        )
        status.full_clean()
        attribute_to(status, user).save()
        created += 1
    return created


@transaction.atomic
def publish_report(*, report, user=None):
    """Publish a report so citizens can read it, with a row for every activity. Its period
    must be published first (FollowUpReport.publication_problem)."""
    add_missing_statuses(report=report, user=user)
    return publishing.publish(report, user=user)


def unpublish_report(*, report, user=None):
    """Take a report off the public site; it becomes a draft again."""
    return publishing.unpublish(report, user=user)
