"""The status rows' history shown under their report on the report's history page: each
row is its own object in django-simple-history, but a coordinator looks for "who entered
52 as achieved" on the report."""

from dataclasses import dataclass

from promises.models import Activity

from .models import ActivityStatus

FIELDS = ("status", "comment", "achieved_count")


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
