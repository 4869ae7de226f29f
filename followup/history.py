"""The status rows' history shown under their report on the report's history page: each
row is its own object in django-simple-history, but a coordinator looks for "who entered
52 as achieved" on the report."""

import datetime
from dataclasses import dataclass

from promises.models import Activity

from .models import ActivityStatus

FIELDS = ("status", "comment", "achieved_count")
# The admin saves a report and then its status rows in one request: rows saved this soon
# after a version of the report, by the same person, belong to that save.
SAME_SAVE = datetime.timedelta(seconds=30)


@dataclass
class StatusChange:
    record: object
    activity: str
    changes: list  # (label, old, new)


def _shown(field, value):
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    return "(tomt)" if value in (None, "") else str(value)


def status_changes(report_id) -> list[StatusChange]:
    """Every version of the report's status rows, newest first, each with what changed
    since the row's previous version. Two queries, however many versions."""
    records = list(
        ActivityStatus.history.filter(report_id=report_id)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    texts = dict(
        Activity.objects.filter(pk__in={r.activity_id for r in records}).values_list("pk", "text")
    )
    fields = [ActivityStatus._meta.get_field(name) for name in FIELDS]
    found, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        for field in fields:
            old = getattr(before, field.name) if before is not None else None
            new = getattr(record, field.name)
            if before is not None and old != new:
                label = str(field.verbose_name).capitalize()
                changes.append((label, _shown(field, old), _shown(field, new)))
        previous[record.id] = record
        found.append(StatusChange(record, texts.get(record.activity_id, "(borttagen)"), changes))
    found.sort(key=lambda change: change.record.history_date, reverse=True)
    return found


def attach_to_report_versions(report_records, changes):
    """Give each version of the report (`report_records`, newest first) `saved_statuses`:
    the status rows changed in the same save (same person, within SAME_SAVE after the
    version and before the next one). A save that changed only statuses makes a version
    of the report with no field changed; this is what it changed."""
    newer = None
    for record in report_records:
        record.saved_statuses = [
            change
            for change in changes
            if change.changes
            and change.record.history_user_id == record.history_user_id
            and record.history_date <= change.record.history_date
            and change.record.history_date <= record.history_date + SAME_SAVE
            and (newer is None or change.record.history_date < newer)
        ]
        newer = record.history_date
