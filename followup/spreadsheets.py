"""A follow-up report's status rows as a spreadsheet: export, and an import that plans
first (preview) and writes only when every row is valid (promises/spreadsheets has the
reading and writing, and the reasons for openpyxl)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from promises.spreadsheets.workbook import Change, Column, Plan, RowReader, compare

from .models import ActivityStatus, ActivityStatusChoice

# The label as text: openpyxl writes no lazy translation (the admin is Swedish).
NOT_STARTED = str(ActivityStatusChoice.NOT_STARTED.label)

COLUMNS = [
    Column(
        "Nummer",
        "id",
        "Aktivitetens nummer i portalen. Fylls i när du laddar ned uppföljningen; ändra det inte.",
        "Numret från nedladdningen, eller tomt om aktivitetens text står exakt som i portalen.",
        10,
    ),
    Column(
        "Aktivitet",
        "activity",
        "Aktivitetens text, så att du ser vilken rad det är.",
        "Text (ändras inte av inläsningen).",
        60,
    ),
    Column(
        "Status",
        "status",
        "Hur långt aktiviteten har kommit under tertialen.",
        ", ".join(str(label) for _, label in ActivityStatusChoice.choices),
        16,
    ),
    Column(
        "Kommentar",
        "comment",
        "Vad som gjorts, i några meningar som alla förstår.",
        "Text, eller tomt.",
        60,
    ),
    Column(
        "Uppnått antal",
        "achieved_count",
        "För aktiviteter med mätbart mål: hur många hittills.",
        "Heltal, 0 eller mer, eller tomt.",
        14,
    ),
]
FIELDS = {"status": "status", "comment": "comment", "achieved_count": "achieved_count"}
LABELS = {"status": "status", "comment": "kommentar", "achieved_count": "uppnått antal"}


def export_rows(report) -> list[list]:
    """One row per activity of the report's period, with its status in this report."""
    statuses = {s.activity_id: s for s in report.statuses.all()}
    rows = []
    for activity in report.period.activities.order_by("order", "pk"):
        status = statuses.get(activity.pk)
        rows.append(
            [
                activity.pk,
                activity.text,
                status.get_status_display() if status else NOT_STARTED,
                status.comment if status else "",
                status.achieved_count if status else None,
            ]
        )
    return rows


def plan_import(report, rows) -> Plan:
    """What importing `rows` into `report` would do, with every error; writes nothing."""
    plan = Plan()
    activities = {a.pk: a for a in report.period.activities.all()}
    by_text = {a.text.strip(): a for a in activities.values()}
    statuses = {s.activity_id: s for s in report.statuses.all()}
    seen = set()
    for row in rows:
        reader = RowReader(COLUMNS, plan, row)
        number = reader.integer("id")
        if number is not None:
            activity = activities.get(number)
            if activity is None:
                reader.error("id", f"Aktivitet {number} hör inte till uppföljningens period.")
                continue
        else:
            activity = by_text.get(reader.text("activity"))
            if activity is None:
                reader.error(
                    "activity",
                    "Aktiviteten finns inte i uppföljningens period. Ladda ned uppföljningen "
                    "och utgå från den.",
                )
                continue
        if activity.pk in seen:
            reader.error("id", "Aktiviteten står på mer än en rad.")
            continue
        seen.add(activity.pk)
        values = {
            "status": reader.choice("status", ActivityStatusChoice, "en status"),
            "comment": reader.text("comment"),
            "achieved_count": reader.integer("achieved_count"),
        }
        status = statuses.get(activity.pk)
        if status is None:
            status = ActivityStatus(report=report, activity=activity, **values)
            change = Change("Ny", "Status", activity.text, obj=status)
        else:
            fields = compare(status, values, LABELS)
            change = Change(
                "Ändras" if fields else "Oförändrad", "Status", activity.text, fields, status
            )
        try:
            status.full_clean(exclude=["report", "activity"], validate_unique=False)
        except ValidationError as error:
            reader.model_errors(error, FIELDS)
        plan.changes.append(change)
    return plan


@transaction.atomic
def apply_import(plan: Plan, *, report, user, file_name: str) -> Plan:
    """Write a plan without errors in one transaction; each row written, and the report,
    gets the file name as its history's change reason."""
    if plan.errors:
        raise ValueError("A plan with errors is never applied.")
    reason = f"Inläst från kalkylarket {file_name}"
    for change in plan.changes:
        if change.changes_something:
            change.obj._change_reason = reason
            change.obj._history_user = user
            change.obj.save()
    if plan.created or plan.changed:
        report._change_reason = f"{reason}: {plan.summary()}"
        report._history_user = user
        report.save()
    return plan
