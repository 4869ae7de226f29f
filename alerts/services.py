"""Writes for alerts: record a publication, subscribe, confirm, unsubscribe, manage,
erase. E-mail goes through the generic outbox (outbox.services), queued in the same
transaction as the change it is about."""

import datetime
import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from outbox import services as outbox
from outbox.models import QueuedEmail

from . import scopes, tokens
from .models import Announcement, AnnouncementKind, Subscriber, Subscription, SubscriptionState

logger = logging.getLogger(__name__)

CONFIRMATION_KIND = "alerts.confirmation"
DIGEST_KIND = "alerts.digest"
KIND_PREFIX = "alerts."


def normalise_email(email: str) -> str:
    # One row per mailbox: addresses are compared without regard to case.
    return email.strip().lower()


def announce(*, kind: str, obj) -> bool:
    """Record that `obj` was published for the first time; False if it was before."""
    if Announcement.objects.filter(kind=kind, object_id=obj.pk).exists():
        return False
    municipality = obj.municipality if kind == AnnouncementKind.PERIOD else obj.period.municipality
    area_ids = list(municipality.local_police_areas.values_list("pk", flat=True))
    if kind == AnnouncementKind.PERIOD:
        area_ids.append(obj.police_area_id)
    keys = scopes.keys_for_municipality(municipality, area_ids)
    created = Announcement.objects.bulk_create(
        [Announcement(kind=kind, object_id=obj.pk, scope_keys=keys)], ignore_conflicts=True
    )
    return bool(created)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


_LINK_SLOT = "SLOT"


@functools.cache
def _link_pattern(name: str) -> str:
    # reverse() once per process, not twice per subscriber of a 10 000-mail digest.
    return reverse(name, kwargs={"token": _LINK_SLOT})


def subscriber_links(subscriber_id: int, key: str) -> dict:
    token = tokens.subscriber_token(subscriber_id, key)
    return {
        "unsubscribe_url": absolute(_link_pattern("alerts:unsubscribe").replace(_LINK_SLOT, token)),
        "manage_url": absolute(_link_pattern("alerts:manage").replace(_LINK_SLOT, token)),
    }


def unsubscribe_headers(unsubscribe_url: str) -> dict:
    """RFC 8058 one-click unsubscribe: a POST to the URL ends the subscription."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmations_today(email: str, now=None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    return QueuedEmail.objects.to(email).filter(kind=CONFIRMATION_KIND).queued_since(since).count()


def _render(template: str, context: dict) -> tuple[str, str, str]:
    with translation.override("sv"):
        subject = render_to_string(f"alerts/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"alerts/email/{template}.txt", context)
        html = render_to_string(f"alerts/email/{template}.html", context)
    return subject, text, html


def subscribe(*, email: str, scope: scopes.Scope, now=None) -> None:
    """Ask the owner of `email` to confirm following `scope`. Returns nothing on
    purpose: the answer is the same whether the address is new, pending, already
    confirmed or over its daily limit of confirmation mails (no enumeration)."""
    now = now or timezone.now()
    email = normalise_email(email)
    try:
        with transaction.atomic():
            _subscribe(email=email, scope=scope, now=now)
    except IntegrityError:
        # The same address subscribed in a parallel request; that one sends the mail.
        logger.info("Parallel subscription of one address; one confirmation sent.")


def _subscribe(*, email, scope, now):
    subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, scope_key=scope.key, defaults={"created_at": now}
    )
    expired = now - subscription.created_at > tokens.confirm_max_age()
    if subscription.state == SubscriptionState.UNSUBSCRIBED or (
        subscription.state == SubscriptionState.PENDING and expired
    ):
        subscription.state = SubscriptionState.PENDING
        subscription.created_at = now
        subscription.unsubscribed_at = None
        subscription.save()
    if confirmations_today(email, now) >= settings.ALERTS_CONFIRMATIONS_PER_DAY:
        logger.info("Confirmation limit reached for one address; nothing sent.")
        return
    already = subscription.state == SubscriptionState.CONFIRMED
    links = subscriber_links(subscriber.pk, subscriber.key)
    context = {
        "scope": scope,
        "already": already,
        "confirm_url": absolute(
            reverse("alerts:confirm", kwargs={"token": tokens.confirm_token(subscription)})
        ),
        "confirm_days": settings.ALERTS_CONFIRM_DAYS,
        "page_url": absolute(scope.page_url),
        "site_name": settings.SITE_NAME,
        **links,
    }
    subject, text, html = _render("confirmation", context)
    outbox.queue_email(
        kind=CONFIRMATION_KIND,
        recipient=email,
        subject=subject,
        text_body=text,
        html_body=html,
        send_after_commit=True,
    )


@dataclass
class Confirmed:
    check: tokens.Check
    scope: scopes.Scope | None = None
    manage_url: str = ""


@transaction.atomic
def confirm(*, token: str, now=None) -> Confirmed:
    """Confirm a subscription from its e-mailed link. Confirming twice is harmless."""
    check, data = tokens.read_confirm_token(token)
    if check is not tokens.Check.OK:
        return Confirmed(check)
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber")
        .filter(pk=data["s"], subscriber__key=data.get("k"))
        .first()
    )
    if subscription is None or subscription.state == SubscriptionState.UNSUBSCRIBED:
        # Erased or ended since the mail was sent: the link no longer means anything.
        return Confirmed(tokens.Check.INVALID)
    if subscription.state == SubscriptionState.PENDING:
        subscription.state = SubscriptionState.CONFIRMED
        subscription.confirmed_at = now or timezone.now()
        subscription.save()
    scope = scopes.from_keys([subscription.scope_key]).get(subscription.scope_key)
    subscriber = subscription.subscriber
    # A path, not SITE_URL: the page links within the site it is shown on.
    manage_path = reverse(
        "alerts:manage", kwargs={"token": tokens.subscriber_token(subscriber.pk, subscriber.key)}
    )
    return Confirmed(tokens.Check.OK, scope, manage_path)


def subscriber_from_token(token: str) -> Subscriber | None:
    data = tokens.read_subscriber_token(token)
    if data is None:
        return None
    return Subscriber.objects.filter(pk=data["s"], key=data.get("k")).first()


def active_subscriptions(subscriber):
    return subscriber.subscriptions.exclude(state=SubscriptionState.UNSUBSCRIBED)


@transaction.atomic
def unsubscribe(*, subscriber, scope_keys=None, now=None) -> int:
    """End the subscriber's subscriptions (all, or those in `scope_keys`) at once; with
    none left, alert mail not yet sent is stopped. The address is erased by `purge`."""
    now = now or timezone.now()
    ending = active_subscriptions(subscriber)
    if scope_keys is not None:
        ending = ending.filter(scope_key__in=list(scope_keys))
    count = ending.update(state=SubscriptionState.UNSUBSCRIBED, unsubscribed_at=now)
    if not active_subscriptions(subscriber).exists():
        outbox.cancel(recipient=subscriber.email, kind_prefix=KIND_PREFIX)
    return count


@transaction.atomic
def purge(*, now=None, dry_run=False) -> int:
    """Erase ended and never-confirmed subscriptions, then every address with nothing
    left, with the alert e-mails that were sent to it. Returns the addresses erased."""
    now = now or timezone.now()
    pending_before = now - tokens.confirm_max_age()
    erasable = Subscription.objects.erasable(pending_before=pending_before)
    left = Subscription.objects.exclude(pk__in=erasable.values("pk"))
    gone = Subscriber.objects.exclude(pk__in=left.values("subscriber_id"))
    if dry_run:
        return gone.count()
    emails = list(gone.values_list("email", flat=True))
    erasable.delete()
    # Delivered alert mail is kept a few days (for the daily limit), then forgotten.
    outbox.delete_finished(kind_prefix=KIND_PREFIX, older_than=tokens.confirm_max_age(), now=now)
    for email in emails:
        QueuedEmail.objects.to(email).of_kind(KIND_PREFIX).delete()
    return Subscriber.objects.filter(email__in=emails).delete()[1].get("alerts.Subscriber", 0)
