"""A period's promises, goals and activities as one sheet: export, blank template, and an
import that plans first (preview) and writes only when every row is valid.

Each row is a promise ("Löfte"), a goal ("Mål") or an activity ("Aktivitet"). Goals and
activities name their promise by its title in the "Löfte" column, also a promise that is
new in the same file; empty means the whole period. "Nummer" is filled in by the export:
with it a row updates that object; without it a row matches an object of the same kind
and text in the period, so importing the same file twice changes nothing. An import never
deletes anything.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Activity, Goal, Promise, ResponsibleParty
from .workbook import Change, Column, Plan, RowReader, compare, display

KINDS = {"löfte": "Löfte", "mål": "Mål", "aktivitet": "Aktivitet"}
RESPONSIBLE_SHORT = {"gemensamt": "Gemensamt"}

COLUMNS = [
    Column(
        "Nummer",
        "id",
        "Radens nummer i portalen. Fylls i när du laddar ned perioden; lämna tomt på nya rader "
        "och ändra det aldrig.",
        "Tomt, eller numret från nedladdningen.",
        10,
    ),
    Column(
        "Typ",
        "kind",
        "Vad raden är: ett löfte, ett mål eller en aktivitet.",
        "Löfte, Mål, Aktivitet",
        12,
    ),
    Column(
        "Löfte",
        "promise",
        "På en löftesrad: löftets rubrik. På ett mål eller en aktivitet: rubriken på löftet den "
        "hör till, precis som den står på löftesraden (kan vara ett nytt löfte i samma fil). "
        "Tomt = gäller hela perioden.",
        "Text, högst 300 tecken.",
        40,
    ),
    Column(
        "Text",
        "text",
        "Löftets beskrivning, målet eller aktiviteten i en eller några meningar.",
        "Text. Krävs för mål och aktiviteter.",
        60,
    ),
    Column(
        "Ansvarig",
        "responsible",
        "Vem som genomför aktiviteten (bara aktiviteter).",
        "Polisen, Kommunen, Gemensamt (polisen och kommunen gemensamt), Annan aktör",
        18,
    ),
    Column(
        "Samarbetspart",
        "partner_name",
        "Den andra aktören, till exempel ett bostadsbolag. Krävs när ansvarig är Annan aktör.",
        "Text, högst 200 tecken.",
        22,
    ),
    Column(
        "Mätbart mål (antal)",
        "target_count",
        "För aktiviteter med mätbart mål: antalet, till exempel 4 för ”vid fyra tillfällen”.",
        "Heltal, 0 eller mer. Tomt om aktiviteten saknar mätbart mål.",
        14,
    ),
    Column(
        "Enhet",
        "target_unit",
        "Vad antalet räknar, till exempel ”tillfällen”. Krävs när antal är ifyllt.",
        "Text, högst 60 tecken.",
        14,
    ),
    Column(
        "Senast (datum)",
        "deadline",
        "För mål: när målet ska vara uppnått.",
        "Datum som 2025-06-30 eller 30/6/2025 (dag först). Tomt om inget datum.",
        14,
    ),
    Column(
        "Ordning",
        "order",
        "Lägre nummer visas först på webbplatsen. Tomt = i den ordning raderna står.",
        "Heltal, 0 eller mer.",
        10,
    ),
]

PROMISE_FIELDS = {"title": "promise", "description": "text", "order": "order"}
PART_FIELDS = {
    "text": "text",
    "responsible": "responsible",
    "partner_name": "partner_name",
    "target_count": "target_count",
    "target_unit": "target_unit",
    "deadline": "deadline",
    "order": "order",
    "promise": "promise",
}
LABELS = {
    "title": "rubrik",
    "description": "beskrivning",
    "order": "ordning",
    "text": "text",
    "responsible": "ansvarig",
    "partner_name": "samarbetspart",
    "target_count": "antal",
    "target_unit": "enhet",
    "deadline": "senast",
    "promise": "löfte",
}


def responsible_label(value):
    return RESPONSIBLE_SHORT.get(value) or str(ResponsibleParty(value).label)


def export_rows(period) -> list[list]:
    """The period's promises, then its goals and activities, as sheet rows."""
    rows = []
    for p in period.promises.order_by("order", "pk"):
        rows.append([p.pk, "Löfte", p.title, p.description, "", "", None, "", None, p.order])
    for g in period.goals.select_related("promise").order_by("order", "pk"):
        title = g.promise.title if g.promise else ""
        rows.append([g.pk, "Mål", title, g.text, "", "", None, "", g.deadline, g.order])
    for a in period.activities.select_related("promise").order_by("order", "pk"):
        title = a.promise.title if a.promise else ""
        rows.append(
            [
                a.pk,
                "Aktivitet",
                title,
                a.text,
                responsible_label(a.responsible),
                a.partner_name,
                a.target_count,
                a.target_unit,
                None,
                a.order,
            ]
        )
    return rows


def plan_import(period, rows) -> Plan:
    """What importing `rows` into `period` would do, with every error; writes nothing."""
    plan = Plan()
    promises = {p.pk: p for p in period.promises.all()}
    by_title = {p.title.casefold(): p for p in promises.values()}
    existing = {
        "Mål": {g.pk: g for g in period.goals.all()},
        "Aktivitet": {a.pk: a for a in period.activities.all()},
    }
    parts = []
    for row in rows:
        reader = RowReader(COLUMNS, plan, row)
        kind = KINDS.get(reader.text("kind").casefold())
        if kind is None:
            reader.error(
                "kind", f"”{reader.text('kind')}” är ingen typ. Skriv Löfte, Mål eller Aktivitet."
            )
        elif kind == "Löfte":
            _plan_promise(plan, reader, period, promises, by_title)
        else:
            parts.append((reader, kind))
    for position, (reader, kind) in enumerate(parts, start=1):
        _plan_part(plan, reader, period, kind, existing[kind], by_title, position)
    return plan


def _row_id(reader, known: dict):
    """The object a row's "Nummer" points at (None for a new row); an error if the number
    is not one of this period's objects of that kind."""
    number = reader.integer("id")
    if number is None:
        return None, True
    if number not in known:
        reader.error(
            "id", f"Nummer {number} hör inte till den här perioden. Lämna det tomt för en ny rad."
        )
        return None, False
    return known[number], True


def _plan_promise(plan, reader, period, promises, by_title):
    obj, ok = _row_id(reader, promises)
    title = reader.text("promise")
    if not title:
        reader.error("promise", "Ange löftets rubrik.")
        return
    if obj is None and ok:
        obj = by_title.get(title.casefold())
    values = {"title": title, "description": reader.text("text")}
    order = reader.integer("order")
    if order is not None:
        values["order"] = order
    if obj is None:
        obj = Promise(period=period, order=values.pop("order", len(promises) + 1), **values)
        change = Change("Ny", "Löfte", title, obj=obj)
    else:
        fields = compare(obj, values, LABELS)
        change = Change("Ändras" if fields else "Oförändrad", "Löfte", title, fields, obj)
    try:
        obj.full_clean(exclude=["period"])
    except ValidationError as error:
        reader.model_errors(error, PROMISE_FIELDS)
    by_title[title.casefold()] = obj
    plan.changes.append(change)


def _plan_part(plan, reader, period, kind, known, by_title, position):
    obj, ok = _row_id(reader, known)
    text = reader.text("text")
    promise_title = reader.text("promise")
    promise = by_title.get(promise_title.casefold()) if promise_title else None
    if promise_title and promise is None:
        reader.error(
            "promise",
            f"Det finns inget löfte ”{promise_title}” i perioden eller i filen. Skriv rubriken "
            "precis som på löftesraden, eller lämna tomt för hela perioden.",
        )
    values = {"text": text}
    if kind == "Aktivitet":
        values |= {
            "responsible": reader.choice("responsible", ResponsibleParty, "en ansvarig"),
            "partner_name": reader.text("partner_name"),
            "target_count": reader.integer("target_count"),
            "target_unit": reader.text("target_unit"),
        }
    else:
        values["deadline"] = reader.date("deadline")
    order = reader.integer("order")
    if obj is None and ok and text:
        obj = next((o for o in known.values() if o.text.strip() == text), None)
    model = Activity if kind == "Aktivitet" else Goal
    if obj is None:
        obj = model(period=period, order=position if order is None else order, **values)
        obj.promise = promise
        change = Change("Ny", kind, text, obj=obj)
    else:
        if order is not None:
            values["order"] = order
        fields = compare(obj, values, LABELS)
        if (obj.promise.title if obj.promise else "") != (promise.title if promise else ""):
            old = obj.promise.title if obj.promise else "hela perioden"
            fields.append(("löfte", old, promise.title if promise else "hela perioden"))
            obj.promise = promise
        change = Change("Ändras" if fields else "Oförändrad", kind, text, fields, obj)
    try:
        obj.full_clean(exclude=["period", "promise"])
    except ValidationError as error:
        reader.model_errors(error, PART_FIELDS)
    plan.changes.append(change)


@transaction.atomic
def apply_import(plan: Plan, *, period, user, file_name: str) -> Plan:
    """Write a plan without errors in one transaction. Every object written gets the file
    name as its history's change reason, and so does the period."""
    if plan.errors:
        raise ValueError("A plan with errors is never applied.")
    reason = f"Inläst från kalkylarket {file_name}"
    for change in sorted(plan.changes, key=lambda c: c.kind != "Löfte"):
        if not change.changes_something:
            continue
        obj = change.obj  # a new promise is saved first; Django then fills in promise_id
        obj._change_reason = reason
        obj._history_user = user
        obj.save()
    if plan.created or plan.changed:
        period._change_reason = f"{reason}: {plan.summary()}"
        period._history_user = user
        period.save()
    return plan


__all__ = ["COLUMNS", "apply_import", "display", "export_rows", "plan_import"]
