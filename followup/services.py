"""The follow-up workflow: create a tertial report with a row per activity, publish it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.publishing import PublicationStatus

from .models import ActivityStatus, ActivityStatusChoice, FollowUpReport


def _attribute_to(instance, user):
    # django-simple-history takes the user from the request (HistoryRequestMiddleware);
    # outside a request (commands, shell) this names who made the change.
    if user is not None:
        instance._history_user = user
    return instance


@transaction.atomic
def create_report(*, period, year, tertial, summary="", user=None):
    """A draft report for one tertial of a period, with one status row per activity of
    the period ("ingen uppgift"), ready to be filled in. Raises ValidationError in Swedish
    (tertial outside the period, a report for the tertial already exists)."""
    report = FollowUpReport(period=period, year=year, tertial=tertial, summary=summary)
    report.status = PublicationStatus.DRAFT
    report.full_clean()
    _attribute_to(report, user).save()
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
        _attribute_to(status, user).save()
        created += 1
    return created


@transaction.atomic
def publish_report(*, report, user=None):
    """Publish a report so citizens can read it. Its period must be published first,
    otherwise nobody could open the report's page."""
    report = (
        FollowUpReport.objects.select_for_update(of=("self",))
        .select_related("period")
        .get(pk=report.pk)
    )
    if not report.period.is_published:
        raise ValidationError(
            f"Uppföljningen kan inte publiceras förrän medborgarlöftet ”{report.period.title}” "
            "är publicerat."
        )
    add_missing_statuses(report=report, user=user)
    if not report.is_published:
        report.mark_published()
        report.full_clean()
        _attribute_to(report, user).save()
    return report


@transaction.atomic
def unpublish_report(*, report, user=None):
    """Take a report off the public site; it becomes a draft again."""
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        report.status = PublicationStatus.DRAFT
        _attribute_to(report, user).save()
    return report
