"""Record the first publication of a promise period or a follow-up report.

A signal, not a call in each publish path, because a period is published in several
places (the admin's status field and its publish action, the seed loader, the shell)
and a report in two (the admin's button and action both call followup.services, but the
status can also be set by a superuser in the form): hanging the rule on the save makes
it impossible to forget. It only writes a row in our own table, in the same
transaction; mail goes out later from `send_alerts`. An object is announced once ever,
so later edits and an unpublish/republish of the same thing announce nothing."""

from django.db.models.signals import post_save

from followup.models import FollowUpReport
from promises.models import PromisePeriod

from . import services
from .models import AnnouncementKind


def _period_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_published and instance.published_at:
        services.announce(kind=AnnouncementKind.PERIOD, obj=instance)


def _report_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_published and instance.published_at:
        services.announce(kind=AnnouncementKind.REPORT, obj=instance)


def connect():
    post_save.connect(_period_saved, sender=PromisePeriod, dispatch_uid="alerts-period")
    post_save.connect(_report_saved, sender=FollowUpReport, dispatch_uid="alerts-report")
