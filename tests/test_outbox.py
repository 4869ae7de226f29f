"""The generic outbox: stored first, sent after commit or by cron, never twice, retried
with backoff against a real (refusing) SMTP port, failures counted and visible."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox.models import EmailState, QueuedEmail
from outbox.services import backoff, failure_count, queue_email, retry, send_pending

pytestmark = pytest.mark.django_db


def queue(**extra):
    return queue_email(
        kind="test.hello",
        recipient="person@example.se",
        subject="Hej  från\nportalen",
        text_body="Text",
        html_body="<p>HTML</p>",
        headers={"List-Unsubscribe": "<https://example.se/u>"},
        **extra,
    )


def test_queued_mail_is_sent_once_with_its_headers_and_html():
    row = queue()
    assert row.subject == "Hej från portalen"
    assert send_pending().sent == 1
    assert send_pending().sent == 0
    [sent] = mail.outbox
    assert sent.to == ["person@example.se"] and sent.body == "Text"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.se/u>"
    assert sent.alternatives[0] == ("<p>HTML</p>", "text/html")
    row.refresh_from_db()
    assert row.state == EmailState.SENT and row.sent_at and row.attempts == 1


def test_send_after_commit_sends_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue(send_after_commit=True)
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_a_dedupe_key_queues_once():
    assert queue(dedupe_key="once") is not None
    assert queue(dedupe_key="once") is None
    assert QueuedEmail.objects.count() == 1


def test_failures_back_off_then_give_up_and_are_counted(settings):
    # A real SMTP connection to a port nobody listens on.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    settings.OUTBOX_MAX_ATTEMPTS = 3
    row = queue()
    first = send_pending()
    assert (first.sent, first.retrying) == (0, 1)
    row.refresh_from_db()
    assert row.state == EmailState.PENDING and "ConnectionRefused" in row.last_error
    assert row.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    # Not due yet: nothing is tried before the backoff has passed.
    assert send_pending().retrying == 0
    later = timezone.now() + datetime.timedelta(hours=7)
    send_pending(now=later)
    summary = send_pending(now=later + datetime.timedelta(hours=7))
    assert summary.failed == 1
    row.refresh_from_db()
    assert row.state == EmailState.FAILED and row.attempts == 3
    assert failure_count() == 1 and failure_count("test.") == 1 and failure_count("other.") == 0

    # Back in the queue with fresh attempts once the server works again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry(ids=[row.pk]) == 1
    assert send_pending().sent == 1 and failure_count() == 0


def test_backoff_doubles_and_is_capped():
    assert backoff(1) == datetime.timedelta(minutes=1)
    assert backoff(3) == datetime.timedelta(minutes=4)
    assert backoff(30) == datetime.timedelta(hours=6)


def test_send_outbox_command_has_a_dry_run():
    queue()
    out = io.StringIO()
    call_command("send_outbox", "--dry-run", stdout=out)
    assert "1 e-postmeddelanden skulle skickas. Inget skickat." in out.getvalue()
    assert mail.outbox == []
    call_command("send_outbox", stdout=out)
    assert "Utkorgen: 1 skickade" in out.getvalue()
    assert len(mail.outbox) == 1


def test_only_superusers_see_the_outbox_in_the_admin(client, django_user_model):
    queue()
    editor = django_user_model.objects.create_user("redaktor", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/outbox/queuedemail/").status_code == 403
    boss = django_user_model.objects.create_superuser("chef", "chef@example.org", None)
    client.force_login(boss)
    page = client.get("/admin/outbox/queuedemail/")
    assert page.status_code == 200 and "Hej från portalen" in page.content.decode()
