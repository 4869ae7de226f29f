"""What a feed entry or a digest line says about a published period, report or
agreement. Feeds and e-mails use the same titles and summaries, in Swedish (their fixed
words marked for the catalogue, rendered with Swedish active)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from followup.models import ActivityStatusChoice, FollowUpReport
from promises.models import CooperationAgreement, PromisePeriod

from . import scopes

FEED_LENGTH = 50

# "3 genomförda", "1 försenad": the status in words, singular and plural.
STATUS_WORDS = {
    ActivityStatusChoice.DONE: (
        pgettext_lazy("en aktivitet", "genomförd"),
        pgettext_lazy("flera aktiviteter", "genomförda"),
    ),
    ActivityStatusChoice.IN_PROGRESS: (
        pgettext_lazy("en aktivitet", "pågår"),
        pgettext_lazy("flera aktiviteter", "pågår"),
    ),
    ActivityStatusChoice.DELAYED: (
        pgettext_lazy("en aktivitet", "försenad"),
        pgettext_lazy("flera aktiviteter", "försenade"),
    ),
    ActivityStatusChoice.NOT_STARTED: (
        pgettext_lazy("en aktivitet", "ej påbörjad"),
        pgettext_lazy("flera aktiviteter", "ej påbörjade"),
    ),
    ActivityStatusChoice.CANCELLED: (
        pgettext_lazy("en aktivitet", "utgår"),
        pgettext_lazy("flera aktiviteter", "utgår"),
    ),
}
AND = gettext_lazy("och")


@dataclass(frozen=True)
class Entry:
    kind: str  # "report", "period", "agreement": part of the permanent id
    pk: int
    title: str
    path: str
    summary: str
    published: datetime
    updated: datetime


def status_in_words(counts: dict) -> str:
    """ "Av 6 aktiviteter är 2 genomförda, 3 pågår och 1 försenad." """
    parts = []
    for status, (one, many) in STATUS_WORDS.items():
        n = counts.get(status, 0)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    total = sum(counts.values())
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {AND} {parts[-1]}"
    return ngettext(
        "Av {total} aktivitet: {listed}.", "Av {total} aktiviteter: {listed}.", total
    ).format(total=total, listed=listed)


def _status_counts():
    return {
        f"n_{status}": Count("statuses", filter=Q(statuses__status=status))
        for status in STATUS_WORDS
    }


def _newest(queryset, limit):
    return queryset.order_by("-published_at", "-pk")[:limit] if limit else queryset


def report_entries(queryset, limit=None) -> list[Entry]:
    rows = _newest(queryset.with_place().annotate(**_status_counts()), limit)
    entries = []
    for report in rows:
        counts = {status: getattr(report, f"n_{status}") for status in STATUS_WORDS}
        summary = " ".join(part for part in [report.summary, status_in_words(counts)] if part)
        entries.append(
            Entry(
                kind="report",
                pk=report.pk,
                title=f"{report.title} – {report.period.municipality.name}",
                path=report.get_absolute_url(),
                summary=summary,
                published=report.published_at,
                updated=report.updated_at,
            )
        )
    return entries


def period_entries(queryset, limit=None) -> list[Entry]:
    return [
        Entry(
            kind="period",
            pk=period.pk,
            title=f"{period.title} – {period.municipality.name}",
            path=period.get_absolute_url(),
            summary=period.lead,
            published=period.published_at,
            updated=period.updated_at,
        )
        for period in _newest(queryset.with_place(), limit)
    ]


def agreement_entries(queryset, limit=None) -> list[Entry]:
    return [
        Entry(
            kind="agreement",
            pk=agreement.pk,
            title=f"{agreement.title} – {agreement.municipality.name}",
            path=agreement.get_absolute_url(),
            summary=agreement.summary,
            published=agreement.published_at,
            updated=agreement.updated_at,
        )
        for agreement in _newest(queryset.with_place(), limit)
    ]


def _in_scope(queryset, scope, prefix=""):
    """Limit a queryset of things that belong to a municipality to one scope."""
    if scope.kind == scopes.COUNTY:
        return queryset.filter(**{f"{prefix}municipality__county": scope.obj})
    if scope.kind == scopes.POLICE_AREA:
        return queryset.filter(**{f"{prefix}municipality__local_police_areas": scope.obj})
    if scope.kind == scopes.MUNICIPALITY:
        return queryset.filter(**{f"{prefix}municipality": scope.obj})
    return queryset


def feed_entries(scope, limit=FEED_LENGTH) -> list[Entry]:
    """The newest published periods, reports and agreements in a scope, newest first.
    Three queries whatever the scope's size: each kind is cut to `limit` in SQL."""
    entries = [
        *report_entries(_in_scope(FollowUpReport.objects.public(), scope, "period__"), limit),
        *period_entries(_in_scope(PromisePeriod.objects.public(), scope), limit),
        *agreement_entries(_in_scope(CooperationAgreement.objects.public(), scope), limit),
    ]
    entries.sort(key=lambda e: (e.published, e.kind, e.pk), reverse=True)
    return entries[:limit]
