"""The daily digest: at most one e-mail per subscriber per day, listing what was
published for the first time in their scopes since their last one.

Bounded in time and memory whatever the number of subscribers: the announcements are
few (a publish burst is tens of rows); subscriptions are streamed in subscriber order
and handled in chunks, one transaction and one bulk insert per chunk; the text is
rendered once per distinct list of news and only each subscriber's own links are
filled in. A subscriber's cursor moves in the same transaction as their e-mail is
queued, and each e-mail has a per-day dedupe key, so nothing is queued twice."""

import datetime
import itertools
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from followup.models import FollowUpReport
from outbox import services as outbox
from outbox.models import QueuedEmail
from promises.models import PromisePeriod

from . import services
from .entries import period_entries, report_entries
from .models import Announcement, AnnouncementKind, Subscriber, Subscription

LOOKBACK_DAYS = 31
CHUNK_SIZE = 1000
UNSUBSCRIBE_MARK = "@@UNSUBSCRIBE_URL@@"
MANAGE_MARK = "@@MANAGE_URL@@"


@dataclass(frozen=True)
class News:
    created_at: datetime.datetime
    keys: frozenset
    title: str
    url: str
    kind_label: str


@dataclass
class DigestSummary:
    subscribers: int = 0
    news: int = 0

    def __str__(self):
        return f"{self.subscribers} e-postmeddelanden om {self.news} publiceringar"

    # news: how many distinct publications the queued e-mails mention.


def recent_news(now) -> list[News]:
    """First publications of the last weeks that are still public, oldest first."""
    announcements = list(
        Announcement.objects.filter(
            created_at__gt=now - datetime.timedelta(days=LOOKBACK_DAYS), created_at__lte=now
        ).order_by("created_at", "pk")
    )
    ids = {
        kind: [a.object_id for a in announcements if a.kind == kind] for kind in AnnouncementKind
    }
    entries = {}
    if ids[AnnouncementKind.REPORT]:
        reports = FollowUpReport.objects.public().filter(pk__in=ids[AnnouncementKind.REPORT])
        entries.update({("report", e.pk): e for e in report_entries(reports)})
    if ids[AnnouncementKind.PERIOD]:
        periods = PromisePeriod.objects.public().filter(pk__in=ids[AnnouncementKind.PERIOD])
        entries.update({("period", e.pk): e for e in period_entries(periods)})
    news = []
    for announcement in announcements:
        entry = entries.get((announcement.kind, announcement.object_id))
        if entry is None:  # unpublished since: not news any more
            continue
        news.append(
            News(
                created_at=announcement.created_at,
                keys=frozenset(announcement.scope_keys),
                title=entry.title,
                url=services.absolute(entry.path),
                kind_label=announcement.get_kind_display(),
            )
        )
    return news


def _render_digest(items: tuple[News, ...]):
    context = {
        "items": items,
        "site_name": settings.SITE_NAME,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "manage_url": MANAGE_MARK,
    }
    return services._render("digest", context)


def _flush(batch, rendered, *, now, today, dry_run, summary):
    if not batch:
        return
    summary.subscribers += len(batch)
    if dry_run:
        return
    rows = []
    for subscriber_id, email, key, items in batch:
        if items not in rendered:
            rendered[items] = _render_digest(items)
        subject, text, html = rendered[items]
        links = services.subscriber_links(subscriber_id, key)
        rows.append(
            QueuedEmail(
                kind=services.DIGEST_KIND,
                recipient=email,
                subject=" ".join(subject.split()),
                text_body=_fill(text, links),
                html_body=_fill(html, links),
                headers=services.unsubscribe_headers(links["unsubscribe_url"]),
                dedupe_key=f"{services.DIGEST_KIND}:{subscriber_id}:{today.isoformat()}",
            )
        )
    with transaction.atomic():
        outbox.queue_many(rows)
        Subscriber.objects.filter(pk__in=[row[0] for row in batch]).update(
            announced_until=now, last_digest_on=today
        )


def _fill(body: str, links: dict) -> str:
    return body.replace(UNSUBSCRIBE_MARK, links["unsubscribe_url"]).replace(
        MANAGE_MARK, links["manage_url"]
    )


def queue_digests(*, now=None, dry_run=False, chunk_size=CHUNK_SIZE) -> DigestSummary:
    """Queue today's digest for every confirmed subscriber with news in their scopes."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary = DigestSummary()
    news = recent_news(now)
    if not news:
        return summary
    all_keys = set().union(*(n.keys for n in news))
    rows = (
        Subscription.objects.confirmed()
        .filter(scope_key__in=all_keys)
        .filter(
            Q(subscriber__last_digest_on__isnull=True) | Q(subscriber__last_digest_on__lt=today)
        )
        .order_by("subscriber_id")
        .values_list(
            "subscriber_id",
            "subscriber__email",
            "subscriber__key",
            "subscriber__announced_until",
            "scope_key",
            "confirmed_at",
        )
    )
    batch, rendered, included = [], {}, set()
    for subscriber_id, group in itertools.groupby(rows.iterator(chunk_size), key=lambda r: r[0]):
        group = list(group)
        email, key, announced_until = group[0][1], group[0][2], group[0][3]
        # Per scope, news counts from the later of the last digest and the confirmation.
        since = {
            scope_key: max(filter(None, [announced_until, confirmed_at]))
            for *_, scope_key, confirmed_at in group
        }
        items = tuple(
            n for n in news if any(k in since and n.created_at > since[k] for k in n.keys)
        )
        if items:
            batch.append((subscriber_id, email, key, items))
            included.update(items)
        if len(batch) >= chunk_size:
            _flush(batch, rendered, now=now, today=today, dry_run=dry_run, summary=summary)
            batch = []
    _flush(batch, rendered, now=now, today=today, dry_run=dry_run, summary=summary)
    summary.news = len(included)
    return summary
