"""Queue e-mail in the outbox and send it: after the commit, or later from cron.

Each row is locked while it is sent and marked sent in the same transaction, so two
senders (the web process after a commit and `send_outbox` from cron) never send the same
row twice. A failure waits a little longer each time (exponential backoff) and, after
OUTBOX_MAX_ATTEMPTS, the row is marked failed and counted by `failure_count()`.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import EmailState, QueuedEmail

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 60 * 60


def queue_email(
    *,
    kind: str,
    recipient: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    headers: dict | None = None,
    dedupe_key: str | None = None,
    send_after_commit: bool = False,
) -> QueuedEmail | None:
    """Store one e-mail in the outbox (call it inside the transaction of the change it is
    about). With `send_after_commit` it is also tried at once after the commit; cron sends
    it otherwise. Returns None when `dedupe_key` was queued before."""
    row = QueuedEmail(
        kind=kind,
        recipient=recipient,
        subject=" ".join(subject.split())[:300],
        text_body=text_body,
        html_body=html_body,
        headers=headers or {},
        dedupe_key=dedupe_key,
    )
    if dedupe_key and QueuedEmail.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    row.save()
    if send_after_commit:
        # robust: a mail server problem is logged and left to cron, never an error page.
        transaction.on_commit(
            lambda: send_pending(ids=[row.pk], stop_after_failure=True), robust=True
        )
    return row


def queue_many(rows: list[QueuedEmail]) -> int:
    """Store many e-mails in one statement (a digest run); rows whose `dedupe_key` is
    already queued are skipped. Returns how many rows were offered."""
    QueuedEmail.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def cancel(*, recipient: str, kind_prefix: str) -> int:
    """Stop e-mail of one kind to one address that has not gone out yet."""
    return (
        QueuedEmail.objects.to(recipient)
        .of_kind(kind_prefix)
        .filter(state=EmailState.PENDING)
        .update(state=EmailState.CANCELLED, last_error="Stoppad innan den skickades.")
    )


def failure_count(kind_prefix: str = "") -> int:
    """How many e-mails gave up and wait for a person (for admin pages and checks)."""
    return QueuedEmail.objects.failed().of_kind(kind_prefix).count()


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


def describe_error(exc: Exception) -> str:
    """The error for the admin and the log, with any e-mail address masked."""
    return _EMAIL_PATTERN.sub("[e-postadress]", f"{type(exc).__name__}: {exc}")[:500]


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most six hours."""
    return datetime.timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


def build_message(row: QueuedEmail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text_body,
        to=[row.recipient],
        headers=dict(row.headers),
        connection=connection,
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    return message


def send_pending(
    *, ids=None, kind_prefix: str = "", dry_run=False, stop_after_failure=False, now=None
) -> SendSummary:
    """Send every due e-mail (or only `ids`). Safe to run from cron beside the web
    processes: nothing is sent twice."""
    summary = SendSummary()
    due = QueuedEmail.objects.due(now).of_kind(kind_prefix)
    if ids is not None:
        due = due.filter(pk__in=ids)
    if dry_run:
        summary.sent = due.count()
        return summary
    max_attempts = settings.OUTBOX_MAX_ATTEMPTS
    connection = None
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            row = (
                QueuedEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, state=EmailState.PENDING)
                .first()
            )
            if row is None:  # sent or cancelled by another process in the meantime
                continue
            row.attempts += 1
            try:
                connection = connection or get_connection()
                build_message(row, connection).send(fail_silently=False)
            except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
                row.last_error = describe_error(exc)
                if row.attempts >= max_attempts:
                    row.state = EmailState.FAILED
                    summary.failed += 1
                else:
                    row.next_attempt_at = timezone.now() + backoff(row.attempts)
                    summary.retrying += 1
                logger.warning(
                    "E-mail %s (%s) not sent (attempt %s): %s",
                    row.pk,
                    row.kind,
                    row.attempts,
                    row.last_error,
                )
                connection = None  # a broken connection is not reused
                row.save()
                if stop_after_failure:
                    break
                continue
            row.state = EmailState.SENT
            row.sent_at = timezone.now()
            row.last_error = ""
            row.save()
            summary.sent += 1
    return summary


def retry(*, ids) -> int:
    """Put failed e-mails back in the queue with fresh attempts. Sent ones stay sent."""
    return QueuedEmail.objects.filter(pk__in=ids, state=EmailState.FAILED).update(
        state=EmailState.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
