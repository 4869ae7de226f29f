"""How a period's activities stand over time: the activity × tertial table of the period
page and the per-period figures the municipality page compares. Reads only; a fixed
number of queries whatever the number of activities and reports."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from core.publishing import PublicationStatus

from .models import ActivityStatus, ActivityStatusChoice


@dataclass
class ProgressRow:
    """One activity with its status (or None) in each report, oldest report first."""

    activity: object
    cells: list = field(default_factory=list)

    @property
    def latest(self):
        """The newest status that says something, for the target in words."""
        return next((s for s in reversed(self.cells) if s and s.has_information), None)


@dataclass
class ProgressTable:
    reports: list
    groups: list  # (promise, or None for the whole period, [ProgressRow]) in the period's order

    @property
    def latest_by_activity(self):
        return {row.activity.pk: row.latest for _h, rows in self.groups for row in rows}


def progress_table(period, reports):
    """The activity × tertial table for `period` over its public `reports` (any order):
    one query for the statuses. The period's content must be prefetched
    (period_content_prefetches), so sections() runs none."""
    reports = sorted(reports, key=lambda r: (r.year, r.tertial))
    statuses = ActivityStatus.objects.filter(report__in=[r.pk for r in reports])
    by_pair = {(s.report_id, s.activity_id): s for s in statuses}
    sections, general = period.sections(with_goals=False)
    groups = []
    for section in (*sections, general):
        if not section.activities:
            continue
        rows = []
        for activity in section.activities:
            row = ProgressRow(activity, [by_pair.get((r.pk, activity.pk)) for r in reports])
            for status in row.cells:
                if status is not None:
                    status.activity = activity  # no query when its label is shown
            rows.append(row)
        groups.append((section.promise, rows))
    return ProgressTable(reports, groups)


def with_progress_counts(periods):
    """Annotate each period with its number of promises, activities and activities done
    (marked "Genomförd" in a published follow-up): the figures the municipality page
    compares its periods by."""
    done = Q(
        activities__statuses__status=ActivityStatusChoice.DONE,
        activities__statuses__report__status=PublicationStatus.PUBLISHED,
    )
    return periods.annotate(
        promise_count=Count("promises", distinct=True),
        activity_count=Count("activities", distinct=True),
        done_count=Count("activities", filter=done, distinct=True),
    )
