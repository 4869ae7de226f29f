"""Writes for accessibility requests: store, queue and send e-mail, handle, purge.

A request exists once it is committed. E-mail is only queued in the same transaction
(the outbox); a visitor's submission never sends (a hanging mail server must not hold
the page or the worker): `manage.py send_pending_notifications`, from cron every minute,
sends the queue. An editor's explicit retry or release sends after its commit. So a
request is never lost and an e-mail is never sent for a request that was rolled back.
"""

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import (
    AccessibilityRequest,
    AccessibilityStatement,
    Notification,
    NotificationKind,
    NotificationState,
)
from .workdays import add_working_days

logger = logging.getLogger(__name__)

# Unambiguous characters only (no 0/O, 1/I/L), so a reference can be read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "TG-"
EDITOR_GROUP = "Tillgänglighetsredaktör"
EDITOR_PERMISSIONS = [
    "view_accessibilityrequest",
    "change_accessibilityrequest",
    "release_accessibilityrequest",
    "view_accessibilitystatement",
    "change_accessibilitystatement",
    "view_historicalaccessibilitystatement",
    "view_notification",
    "change_notification",
]


def new_reference() -> str:
    """A short random reference such as TG-7K3M9Q. Random, so it reveals nothing about
    how many requests there are."""
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def due_date(received_at, *, answer_days: int):
    """The date we promise to answer by: `answer_days` Swedish working days later."""
    return add_working_days(timezone.localdate(received_at), answer_days)


def _submission_key(form_token: str, data: dict) -> str:
    if not form_token:
        return ""
    content = "\x1f".join([form_token, data["kind"], data["page_url"], data["message"]])
    return hashlib.sha256(content.encode()).hexdigest()


def _queue(request_obj: AccessibilityRequest) -> list[int]:
    """Outbox rows for a request that may be announced; returns their ids. Idempotent:
    a row that already exists (sent or not) is never queued twice."""
    kinds = [NotificationKind.EDITOR]
    if request_obj.contact_email:
        kinds.append(NotificationKind.CONFIRMATION)
    ids = []
    for kind in kinds:
        row, created = Notification.objects.get_or_create(request=request_obj, kind=kind)
        if created:
            ids.append(row.pk)
    return ids


def _send_after_commit(ids: list[int]) -> None:
    if ids:
        # robust: an e-mail problem is logged, never shown to the person as an error,
        # since their request is already safe. One failure ends the attempt so a
        # hanging mail server does not keep them waiting; cron sends the rest.
        transaction.on_commit(
            lambda: send_pending_notifications(ids=ids, stop_after_failure=True), robust=True
        )


def _already_submitted(key: str) -> AccessibilityRequest | None:
    return AccessibilityRequest.objects.filter(submission_key=key).first() if key else None


def submit_request(
    *, form_data: dict, quarantine_reason: str = "", form_token: str = ""
) -> AccessibilityRequest:
    """Store a valid submission and queue its e-mail in one transaction (cron sends it;
    the view has counted it for the flood limit). A quarantined submission is stored
    without e-mail until an editor releases it. The same form sent twice (a double
    click) returns the request it already created."""
    key = _submission_key(form_token, form_data)
    if existing := _already_submitted(key):
        return existing
    statement = AccessibilityStatement.load()
    received_at = timezone.now()
    try:
        with transaction.atomic():
            request_obj = AccessibilityRequest(
                **form_data,
                submission_key=key,
                received_at=received_at,
                due_on=due_date(received_at, answer_days=statement.answer_days),
                is_quarantined=bool(quarantine_reason),
                quarantine_reason=quarantine_reason[:200],
            )
            _save_with_new_reference(request_obj)
            if not request_obj.is_quarantined:
                _queue(request_obj)
    except IntegrityError:
        # Two identical submissions at the same moment: the other one won.
        if existing := _already_submitted(key):
            return existing
        raise
    logger.info(
        "Accessibility request %s stored (%s%s).",
        request_obj.reference,
        request_obj.kind,
        ", quarantined" if request_obj.is_quarantined else "",
    )
    # Nothing is sent here: the request stores and queues only, so a mail server that
    # hangs never holds the person's page (or the worker). `send_pending_notifications`
    # (cron, every minute) sends the queue.
    return request_obj


def _save_with_new_reference(request_obj: AccessibilityRequest, tries: int = 5) -> None:
    # Validated once; the reference's uniqueness is left to the database, so a reference
    # that is already taken ends in the IntegrityError below and is drawn again.
    request_obj.full_clean(exclude=["reference", "submission_key"])
    for attempt in range(tries):
        request_obj.reference = new_reference()
        try:
            with transaction.atomic():
                request_obj.save()
            return
        except IntegrityError:
            # A reference collision is retried; anything else (the same submission key)
            # is for the caller.
            taken = AccessibilityRequest.objects.filter(reference=request_obj.reference)
            if attempt == tries - 1 or not taken.exists():
                raise


@dataclass
class SendSummary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self):
        return (
            f"{self.sent} skickade, {self.retrying} misslyckades och försöks igen, "
            f"{self.failed} gav upp"
        )


_EMAIL_PATTERN = re.compile(r"[^\s<>'\"@]+@[^\s<>'\",;]+")


def _describe_error(exc: Exception) -> str:
    """The error for the admin and the log, with any e-mail address masked."""
    return _EMAIL_PATTERN.sub("[e-postadress]", f"{type(exc).__name__}: {exc}")[:500]


def _build_email(row: Notification, statement: AccessibilityStatement) -> EmailMessage:
    request_obj = row.request
    context = {
        "req": request_obj,
        "statement": statement,
        "site_url": settings.SITE_URL,
        "site_name": settings.SITE_NAME,
        "admin_url": settings.SITE_URL
        + reverse("admin:accessibility_accessibilityrequest_change", args=[request_obj.pk]),
        "statement_url": settings.SITE_URL + reverse("accessibility:statement"),
    }
    if row.kind == NotificationKind.EDITOR:
        recipients = list(settings.ACCESSIBILITY_EDITOR_EMAILS)
        if not recipients:
            raise ValueError("ACCESSIBILITY_EDITOR_EMAILS är tom: ingen redaktör att skicka till.")
        template = "accessibility/email/editor_notification"
    else:
        if not request_obj.contact_email:
            raise ValueError("Ärendet har ingen e-postadress (rensad eller borttagen).")
        recipients = [request_obj.contact_email]
        template = "accessibility/email/confirmation"
    with translation.override("sv"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=recipients)


def send_pending_notifications(
    *, ids=None, dry_run: bool = False, stop_after_failure: bool = False
) -> SendSummary:
    """Send every pending e-mail in the outbox (or only `ids`). Safe to run from cron
    and at the same time as the web processes: each row is locked while it is sent and
    marked sent in the same transaction, so running it again sends nothing twice. A
    failure is recorded on the row; after ACCESSIBILITY_EMAIL_MAX_ATTEMPTS it is marked
    failed, visible in the admin, until an editor retries it."""
    summary = SendSummary()
    pending = Notification.objects.pending()
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    if dry_run:
        summary.sent = pending.count()
        return summary
    max_attempts = settings.ACCESSIBILITY_EMAIL_MAX_ATTEMPTS
    connection = None
    pks = list(pending.values_list("pk", flat=True))
    # Every e-mail quotes the same statement (answer time, contact address): read it once.
    statement = AccessibilityStatement.load() if pks else None
    for pk in pks:
        with transaction.atomic():
            row = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("request")
                .filter(pk=pk, state=NotificationState.PENDING)
                .first()
            )
            if row is None:  # sent by another process in the meantime
                continue
            row.attempts += 1
            row.last_attempt_at = timezone.now()
            try:
                connection = connection or get_connection()
                message = _build_email(row, statement)
                message.connection = connection
                message.send(fail_silently=False)
            except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
                row.last_error = _describe_error(exc)
                if row.attempts >= max_attempts:
                    row.state = NotificationState.FAILED
                    summary.failed += 1
                else:
                    summary.retrying += 1
                logger.warning(
                    "E-mail (%s) about %s not sent (attempt %s): %s",
                    row.kind,
                    row.request.reference,
                    row.attempts,
                    row.last_error,
                )
                connection = None  # a broken connection is not reused
                if stop_after_failure:
                    row.save()
                    break
            else:
                row.state = NotificationState.SENT
                row.sent_at = timezone.now()
                row.last_error = ""
                summary.sent += 1
            row.save()
    return summary


def _ids(queryset) -> list[int]:
    # Lock rows by id: an admin queryset may carry outer joins FOR UPDATE cannot take.
    return list(queryset.order_by().values_list("pk", flat=True))


def retry_notifications(*, notifications) -> int:
    """Put failed (or pending) e-mails back in the queue with fresh attempts and try
    them after the commit. Sent e-mails are left alone, so nothing is sent twice."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=_ids(notifications))
            .exclude(state=NotificationState.SENT)
        )
        for row in rows:
            row.state = NotificationState.PENDING
            row.attempts = 0
            row.save(update_fields=["state", "attempts"])
        _send_after_commit([row.pk for row in rows])
    return len(rows)


def release_from_quarantine(*, requests) -> int:
    """Treat quarantined submissions as real: queue their e-mails and send them."""
    with transaction.atomic():
        released = list(
            AccessibilityRequest.objects.select_for_update().filter(
                pk__in=_ids(requests), is_quarantined=True
            )
        )
        ids = []
        for request_obj in released:
            request_obj.is_quarantined = False
            request_obj.save(update_fields=["is_quarantined", "updated_at"])
            ids += _queue(request_obj)
        _send_after_commit(ids)
    return len(released)


def move_requests(*, requests, state, by=None) -> int:
    """Change the handling state of requests, recording when and, if nobody handles
    them yet, who."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(AccessibilityRequest.objects.select_for_update().filter(pk__in=_ids(requests)))
        for request_obj in rows:
            request_obj.move_to(state, at=now, by=by)
            request_obj.full_clean()
            request_obj.save()
    return len(rows)


def purge_personal_data(*, older_than_days: int, dry_run: bool = False, now=None) -> int:
    """Erase name and e-mail address from requests closed more than `older_than_days`
    ago; e-mail still waiting to go to the person is cancelled. Idempotent: purged
    requests are not touched again. Returns how many requests were (or would be) purged."""
    now = now or timezone.now()
    purgeable = AccessibilityRequest.objects.purgeable(older_than_days=older_than_days, now=now)
    if dry_run:
        return purgeable.count()
    with transaction.atomic():
        ids = list(purgeable.select_for_update().values_list("pk", flat=True))
        Notification.objects.filter(
            request_id__in=ids,
            kind=NotificationKind.CONFIRMATION,
            state=NotificationState.PENDING,
        ).update(
            state=NotificationState.FAILED,
            last_error="Personuppgifterna rensades innan meddelandet skickades.",
        )
        return AccessibilityRequest.objects.filter(pk__in=ids).update(
            contact_name="", contact_email="", personal_data_purged_at=now, updated_at=now
        )


def ensure_editor_group() -> Group:
    """The group whose members handle accessibility requests (they hold personal data,
    so no other group gets these permissions). Idempotent."""
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="accessibility", codename__in=EDITOR_PERMISSIONS
    )
    group.permissions.add(*permissions)
    return group
