"""The public follow-up report page: the status of every activity in one tertial."""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render

from core.preview import mark_preview
from followup.models import ActivityStatus, ActivityStatusChoice, FollowUpReport
from promises.models import period_content_prefetches

from .views import newest


def report(request, municipality_slug, period_slug, year, tertial):
    report = get_object_or_404(
        FollowUpReport.objects.public().with_place(),
        period__municipality__slug=municipality_slug,
        period__slug=period_slug,
        year=year,
        tertial=tertial,
    )
    return report_response(request, report)


@dataclass
class StatusGroup:
    """The statuses of the activities under one promise (or the whole period)."""

    promise: object
    rows: list = field(default_factory=list)
    parties: list = field(default_factory=list)  # (heading or None, rows)


@dataclass
class StatusCount:
    value: str
    label: str
    count: int
    percent: float


def status_groups(period, statuses):
    """Every activity of the period with its status in this report (or None), grouped
    by promise in the period's order (PromisePeriod.sections). Runs no queries."""
    by_activity = {s.activity_id: s for s in statuses}
    activities = {a.pk: a for a in period.activities.all()}
    for status in statuses:
        # Its activity is already loaded: no query when the target is put in words.
        if status.activity_id in activities:
            status.activity = activities[status.activity_id]
    sections, general = period.sections(with_goals=False)
    groups = [
        StatusGroup(
            section.promise,
            [(a, by_activity.get(a.pk)) for a in section.activities],
            # Who promises what, grouped as on the period page (PromisePeriod.sections).
            [
                (party.heading, [(a, by_activity.get(a.pk)) for a in party.activities])
                for party in section.groups
            ],
        )
        for section in (*sections, general)
    ]
    return [g for g in groups if g.rows]


def status_counts(statuses, total):
    """How many of the `total` activities have each status (and how many have none in
    this report): the numbers behind the progress figure."""

    def share(count):
        return round(100 * count / total, 1) if total else 0

    counts = []
    for choice in ActivityStatusChoice:
        if choice == ActivityStatusChoice.NO_INFORMATION:
            continue
        count = sum(1 for s in statuses if s.status == choice.value)
        counts.append(StatusCount(choice.value, choice.label, count, share(count)))
    # Counted apart: a row saying "Ingen uppgift" and an activity without a row mean the
    # same thing, that the follow-up does not mention it.
    unknown = total - sum(c.count for c in counts)
    if unknown:
        label = ActivityStatusChoice.NO_INFORMATION.label
        counts.append(
            StatusCount(ActivityStatusChoice.NO_INFORMATION, label, unknown, share(unknown))
        )
    return counts


def report_response(request, report, *, preview=False):
    """The report page for one FollowUpReport. With preview=True (the admin's preview of
    a draft) it says so plainly and keeps the page out of caches and search engines."""
    period = report.period
    # The page shows no goals: prefetch only what the status tables need.
    promises, _goals, activities = period_content_prefetches()
    prefetch_related_objects([period], promises, activities)
    statuses = list(ActivityStatus.objects.filter(report=report))
    # Never fewer than the statuses shown, so no share in the figure passes 100 %.
    activity_count = max(len(period.activities.all()), len(statuses))
    siblings = list(
        FollowUpReport.objects.public()
        .for_period(period)
        .select_related("period__municipality")
        .chronological()
    )
    position = (report.year, report.tertial)
    earlier = [r for r in siblings if (r.year, r.tertial) < position]
    later = [r for r in siblings if (r.year, r.tertial) > position]
    response = render(
        request,
        "portal/report.html",
        {
            "report": report,
            "period": period,
            "municipality": period.municipality,
            "statuses": statuses,
            "groups": status_groups(period, statuses) if statuses else [],
            "counts": status_counts(statuses, activity_count),
            "informed_count": sum(1 for s in statuses if s.has_information),
            "activity_count": activity_count,
            "previous": earlier[-1] if earlier else None,
            "next": later[0] if later else None,
            "preview": preview,
            "last_updated": newest(report.updated_at, period.updated_at),
        },
    )
    return mark_preview(response) if preview else response
