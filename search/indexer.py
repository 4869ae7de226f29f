"""Builds search documents from the public rows of each searchable model and writes
them, with SQLite's FTS5 rows and the vocabulary, in a few statements per call.

Everything that changes the index goes through `replace()`: delete the documents a
change makes stale, insert the ones that are public now. Callers name what changed
(a period's tree, one row, a place); see search/signals.py.
"""

from django.db import connection
from django.db.models import Q

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod

from . import text
from .models import SearchDocument, SearchWord
from .registry import searchable

TITLE_CHARS = 120
BATCH = 2000
PERIOD_CHUNK = 100


def _doc(obj, *, url, title=None, context="", period=None, updated=None, **places):
    entry = searchable(obj)
    body = entry.text_of(obj)
    title = text.shorten(title or entry.title_of(obj) or body, TITLE_CHARS)
    return SearchDocument(
        kind=entry.kind,
        source_type=obj._meta.label_lower,
        source_id=obj.pk,
        period_id=period.pk if period else None,
        url=url,
        # Hits are headed by their own text: a goal's or a comment's words, shortened.
        title=title,
        key=text.key(title)[:300],
        context=context[:300],
        text=body,
        weight=entry.weight,
        updated=updated,
        **places,
    )


def _in_period(period):
    return f"{period.title} i {period.municipality.name}"


def _places(period_or_agreement):
    m = period_or_agreement.municipality
    return {
        "municipality_id": m.pk,
        "county_id": m.county_id,
        "police_area_id": period_or_agreement.police_area_id,
    }


# --- builders: public rows only --------------------------------------------------------


ANCHORS = {Promise: "lofte", Goal: "mal", Activity: "aktivitet"}


def _published_periods(period_ids):
    return {
        p.pk: p
        for p in PromisePeriod.objects.public()
        .filter(pk__in=period_ids)
        .select_related("municipality")
    }


def period_documents(period_ids):
    """Documents for the published periods among `period_ids` and everything public in
    them: promises, goals, activities, published reports and their status comments."""
    periods = _published_periods(period_ids)
    docs = [
        _doc(
            p,
            url=p.get_absolute_url(),
            context=p.municipality.name,
            period=p,
            updated=p.updated_at,
            **_places(p),
        )
        for p in periods.values()
    ]
    for model in ANCHORS:
        docs += part_documents(model.objects.filter(period_id__in=periods), periods)
    reports = FollowUpReport.objects.public().filter(period_id__in=periods)
    return docs + report_documents(reports, periods)


def part_documents(queryset, periods):
    """Promises, goals or activities of the (published) `periods`, a dict by id."""
    docs = []
    for obj in queryset.order_by("pk"):
        p = periods[obj.period_id]
        docs.append(
            _doc(
                obj,
                url=f"{p.get_absolute_url()}#{ANCHORS[type(obj)]}-{obj.pk}",
                context=_in_period(p),
                period=p,
                updated=p.updated_at,
                **_places(p),
            )
        )
    return docs


def report_documents(reports, periods, only_statuses=None):
    """Published `reports` of the (published) `periods` and their status comments."""
    reports = {r.pk: r for r in reports.order_by("pk")}
    docs = []
    for r in reports.values():
        r.period = periods[r.period_id]  # already loaded: no query per report
        if only_statuses is None:
            docs.append(
                _doc(
                    r,
                    url=r.get_absolute_url(),
                    title=r.title,
                    context=_in_period(r.period),
                    period=r.period,
                    updated=r.updated_at,
                    **_places(r.period),
                )
            )
    statuses = ActivityStatus.objects.filter(report_id__in=reports).exclude(comment="")
    if only_statuses is not None:
        statuses = statuses.filter(pk__in=only_statuses)
    for s in statuses.order_by("pk"):
        r = reports[s.report_id]
        docs.append(
            _doc(
                s,
                url=f"{r.get_absolute_url()}#status-{s.activity_id}",
                context=f"{r.title} · {_in_period(r.period)}",
                period=r.period,
                updated=r.updated_at,
                **_places(r.period),
            )
        )
    return docs


def agreement_documents(queryset):
    return [
        _doc(
            a,
            url=a.get_absolute_url(),
            context=a.municipality.name,
            updated=a.updated_at,
            **_places(a),
        )
        for a in queryset.public().select_related("municipality")
    ]


def place_documents(municipalities=(), counties=(), police_areas=()):
    docs = [
        _doc(
            m,
            url=m.get_absolute_url(),
            context=m.county.name,
            municipality_id=m.pk,
            county_id=m.county_id,
        )
        for m in Municipality.objects.filter(pk__in=municipalities).select_related("county")
    ]
    docs += [
        _doc(c, url=c.get_absolute_url(), context="Län", county_id=c.pk)
        for c in County.objects.filter(pk__in=counties)
    ]
    for area in LocalPoliceArea.objects.filter(pk__in=police_areas).prefetch_related(
        "municipalities"
    ):
        names = ", ".join(sorted(m.name for m in area.municipalities.all()))
        docs.append(
            _doc(
                area,
                url=area.get_absolute_url(),
                title=f"Lokalpolisområde {area.name}",
                context=f"Arbetar i {names}" if names else "",
                police_area_id=area.pk,
            )
        )
    return docs


# --- writing ---------------------------------------------------------------------------


def source(model_or_obj, ids):
    """The documents that come from the rows `ids` of a model."""
    return Q(source_type=model_or_obj._meta.label_lower, source_id__in=list(ids))


def replace(stale, docs):
    """Delete the documents matching `stale` (a Q), then insert `docs`."""
    sqlite = connection.vendor == "sqlite"
    if stale is not None:
        found = SearchDocument.objects.filter(stale)
        if sqlite:
            ids = list(found.values_list("pk", flat=True))
            _delete_fts(ids)
            SearchDocument.objects.filter(pk__in=ids).delete()
        else:
            found.delete()
    for start in range(0, len(docs), BATCH):
        batch = SearchDocument.objects.bulk_create(docs[start : start + BATCH])
        if sqlite:
            _insert_fts(batch)
    add_words(docs)


def _delete_fts(ids):
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608


def _insert_fts(docs):
    """SQLite's FTS5 rows hold the stems computed in Python (search/text.py)."""
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, context) VALUES (%s, %s, %s, %s)",
            [(d.pk, text.stems(d.title), text.stems(d.text), text.stems(d.context)) for d in docs],
        )


def vocabulary(docs):
    found = set()
    for d in docs:
        for part in (d.title, d.text, d.context):
            found.update(w.lower() for w in text.words(part) if 3 <= len(w) <= 60)
    return {w for w in found if not w.isdigit()}


def add_words(docs):
    new = sorted(vocabulary(docs))
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in new], batch_size=BATCH, ignore_conflicts=True
    )


# --- what a change touches ------------------------------------------------------------


def reindex_periods(period_ids):
    """A period's tree: its own document and every document of its parts and reports.
    Publishing adds them, unpublishing (or deleting) removes them."""
    period_ids = list(period_ids)
    replace(
        Q(period_id__in=period_ids) | source(PromisePeriod, period_ids),
        period_documents(period_ids),
    )


def reindex_part(obj):
    """One promise, goal or activity (its period's state decides whether it is public)."""
    periods = _published_periods([obj.period_id])
    docs = part_documents(type(obj).objects.filter(pk=obj.pk), periods) if periods else []
    replace(source(obj, [obj.pk]), docs)


def reindex_report(report, statuses=None):
    """A report and its status comments (publishing a report adds them all), or only
    the given statuses of it."""
    if statuses is None:
        ids = list(ActivityStatus.objects.filter(report=report).values_list("pk", flat=True))
        stale = source(report, [report.pk]) | source(ActivityStatus, ids)
    else:
        stale = source(ActivityStatus, statuses)
    periods = _published_periods([report.period_id])
    reports = FollowUpReport.objects.public().filter(pk=report.pk)
    docs = report_documents(reports, periods, only_statuses=statuses) if periods else []
    replace(stale, docs)


def reindex_status(status):
    reindex_report(status.report, statuses=[status.pk])


def reindex_agreements(ids):
    replace(
        source(CooperationAgreement, ids),
        agreement_documents(CooperationAgreement.objects.filter(pk__in=ids)),
    )


def reindex_places(municipalities=(), counties=(), police_areas=()):
    stale = (
        source(Municipality, municipalities)
        | source(County, counties)
        | source(LocalPoliceArea, police_areas)
    )
    replace(stale, place_documents(municipalities, counties, police_areas))


def reindex_municipality(municipality):
    """A rename or a move to another county changes the context and filters of every
    document that names the municipality: its page, its police areas, its periods'
    trees and its agreements."""
    areas = list(municipality.local_police_areas.values_list("pk", flat=True))
    reindex_places([municipality.pk], police_areas=areas)
    reindex_periods(municipality.promise_periods.values_list("pk", flat=True))
    reindex_agreements(municipality.cooperation_agreements.values_list("pk", flat=True))


def remove(obj):
    replace(source(obj, [obj.pk]), [])


# --- everything ------------------------------------------------------------------------


def rebuild(progress=None):
    """Empty the index and build it again from every public row, a chunk of periods at
    a time so memory stays flat at national scale. Returns the number of documents."""
    replace(Q(pk__isnull=False), [])
    SearchWord.objects.all().delete()
    total = 0
    docs = place_documents(
        Municipality.objects.values_list("pk", flat=True),
        County.objects.values_list("pk", flat=True),
        LocalPoliceArea.objects.values_list("pk", flat=True),
    ) + agreement_documents(CooperationAgreement.objects.all())
    replace(None, docs)
    total += len(docs)
    period_ids = list(PromisePeriod.objects.public().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(period_ids), PERIOD_CHUNK):
        docs = period_documents(period_ids[start : start + PERIOD_CHUNK])
        replace(None, docs)
        total += len(docs)
        if progress:
            progress(total)
    return total
