"""E-mail about accessibility requests: what the editor and the person get, the outbox
that keeps a failed e-mail for a retry, and `send_pending_notifications`."""

import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accessibility import services
from accessibility.models import (
    AccessibilityRequest,
    Notification,
    NotificationKind,
    NotificationState,
    RequestKind,
    WantedFormat,
)

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.test_accessibility_notifications.FailingBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down; its error names the recipient, as real ones do."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"alva@example.se": (550, b"nope")})


def submit(*, quarantine_reason="", **overrides):
    data = {
        "kind": RequestKind.BARRIER,
        "page_url": "http://testserver/om-medborgarloften/",
        "message": "Knappen går inte att nå med tangentbordet.",
        "wanted_format": "",
        "wanted_format_other": "",
        "assistive_technology": "VoiceOver",
        "browser": "Safari på iPhone",
        "contact_name": "Alva Andersson",
        "contact_email": "alva@example.se",
        "consent_given": True,
        **overrides,
    }
    return services.submit_request(form_data=data, quarantine_reason=quarantine_reason)


def run_command(*args):
    out = StringIO()
    call_command("send_pending_notifications", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def editors(settings):
    settings.ACCESSIBILITY_EDITOR_EMAILS = ["redaktor@example.se", "biträdande@example.se"]
    settings.SITE_URL = "https://medborgarloften.example.se"
    return settings.ACCESSIBILITY_EDITOR_EMAILS


def test_editor_gets_what_they_need_and_no_contact_details(
    editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit()
    run_command()  # cron
    editor = next(m for m in mail.outbox if m.to == editors)
    assert editor.subject == f"Ny rapport om bristande tillgänglighet: {request.reference}"
    body = editor.body
    for expected in (
        request.reference,
        "Påtalad brist i tillgängligheten",
        "Sida: http://testserver/om-medborgarloften/",
        "Knappen går inte att nå med tangentbordet.",
        "Hjälpmedel: VoiceOver",
        "Webbläsare och enhet: Safari på iPhone",
        "Personen vill ha svar via e-post",
        "https://medborgarloften.example.se"
        + reverse("admin:accessibility_accessibilityrequest_change", args=[request.pk]),
    ):
        assert expected in body
    # Name and address stay in the admin, where access is controlled and purged.
    assert "alva@example.se" not in body and "Alva" not in body


def test_person_gets_a_confirmation_with_reference_and_answer_time(
    editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit()
    run_command()  # cron
    confirmation = next(m for m in mail.outbox if m.to == ["alva@example.se"])
    assert confirmation.subject == f"Vi har tagit emot ditt ärende {request.reference}"
    assert "Vi svarar normalt inom 5 arbetsdagar" in confirmation.body
    assert f"senast den {request.due_on.day} " in confirmation.body
    assert "https://www.digg.se/tdosanmalan" in confirmation.body
    # Nothing the sender typed is echoed: the form cannot be used to send spam.
    assert "Knappen" not in confirmation.body and "Alva" not in confirmation.body


def test_format_request_mail_names_the_wanted_format(editors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(
            kind=RequestKind.ALTERNATIVE_FORMAT,
            wanted_format=WantedFormat.OTHER,
            wanted_format_other="Daisy",
            assistive_technology="",
            browser="",
        )
    run_command()  # cron
    editor = next(m for m in mail.outbox if m.to == editors)
    assert editor.subject == f"Ny begäran om alternativt format: {request.reference}"
    assert "Önskat format: Annat format: Daisy" in editor.body


def test_request_is_kept_when_mail_fails_and_sent_once_by_the_command(
    editors, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        request = submit()

    assert AccessibilityRequest.objects.filter(pk=request.pk).exists()
    rows = Notification.objects.filter(request=request)
    # The request stores and queues only: nothing was tried while the person waited.
    assert {(r.kind, r.state, r.attempts) for r in rows} == {
        (NotificationKind.EDITOR, NotificationState.PENDING, 0),
        (NotificationKind.CONFIRMATION, NotificationState.PENDING, 0),
    }
    assert "0 skickade, 2 misslyckades och försöks igen" in run_command()  # cron, SMTP down
    # The error is kept for the admin without the personal address it mentioned.
    error = rows.get(kind=NotificationKind.EDITOR).last_error
    assert error.startswith("SMTPRecipientsRefused") and "alva@example.se" not in error
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    assert "2 skickade, 0 misslyckades och försöks igen, 0 gav upp" in run_command()
    assert [m.to for m in mail.outbox].count(editors) == 1
    assert len(mail.outbox) == 2

    # Idempotent: running again (cron) sends nothing more.
    assert "0 skickade" in run_command()
    assert len(mail.outbox) == 2
    assert set(rows.values_list("state", flat=True)) == {NotificationState.SENT}


def test_one_run_reads_the_statement_once_for_all_its_mail(
    editors, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        submit()
        submit(message="Sökrutan saknar etikett.")
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    with CaptureQueriesContext(connection) as queries:
        assert "4 skickade" in run_command()
    confirmations = [m.body for m in mail.outbox if m.to == ["alva@example.se"]]
    assert len(confirmations) == 2
    assert all("Vi svarar normalt inom 5 arbetsdagar" in body for body in confirmations)
    statement_reads = [q for q in queries if "accessibility_accessibilitystatement" in q["sql"]]
    assert len(statement_reads) == 1


def test_an_unexpected_mail_error_never_shows_the_person_an_error(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from .test_accessibility_forms import barrier_data

    def explode(**kwargs):
        raise RuntimeError("outbox trouble")

    monkeypatch.setattr(services, "send_pending_notifications", explode)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accessibility:report-barrier"), barrier_data())
    assert response.status_code == 302
    assert Notification.objects.pending().count() == 2  # cron will send them


def test_mail_that_keeps_failing_is_marked_failed_and_can_be_retried(
    editors, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.ACCESSIBILITY_EMAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(contact_email="")
    assert "1 misslyckades och försöks igen" in run_command()
    output = run_command()
    assert "1 gav upp" in output
    row = Notification.objects.get(request=request)
    assert row.state == NotificationState.FAILED and row.attempts == 2
    assert "0 skickade" in run_command()  # failed rows wait for an editor

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_notifications(notifications=Notification.objects.all()) == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and row.sent_at is not None
    assert len(mail.outbox) == 1


def test_retrying_a_sent_mail_sends_nothing_twice(editors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(contact_email="")
    run_command()  # cron
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_notifications(notifications=Notification.objects.all()) == 0
    assert len(mail.outbox) == 1


def test_missing_editor_addresses_show_as_an_error(settings, django_capture_on_commit_callbacks):
    settings.ACCESSIBILITY_EDITOR_EMAILS = []
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(contact_email="")
    run_command()  # cron
    row = Notification.objects.get(request=request)
    assert row.state == NotificationState.PENDING
    assert "ACCESSIBILITY_EDITOR_EMAILS är tom" in row.last_error


def test_dry_run_sends_nothing(editors, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    assert "2 e-postmeddelanden väntar" in run_command("--dry-run")
    assert mail.outbox == []
    assert Notification.objects.pending().count() == 2


def test_quarantined_request_is_mailed_only_when_released(
    editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(quarantine_reason="Skickades 0.4 sekunder efter …")
    assert mail.outbox == [] and not Notification.objects.exists()
    assert "0 skickade" in run_command()

    queryset = AccessibilityRequest.objects.filter(pk=request.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_from_quarantine(requests=queryset) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_from_quarantine(requests=queryset) == 0
    assert len(mail.outbox) == 2
    request.refresh_from_db()
    assert not request.is_quarantined


def test_nothing_is_queued_when_the_transaction_rolls_back(editors):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        submit()
        raise RuntimeError("database trouble after the insert")
    assert not AccessibilityRequest.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_command_help_is_in_swedish():
    from accessibility.management.commands.send_pending_notifications import Command

    assert "Skickar e-post om tillgänglighetsärenden" in Command.help


def test_failed_mail_warns_editors_on_the_admin_start_page(client, settings, editors):
    from django.contrib.auth import get_user_model

    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.ACCESSIBILITY_EMAIL_MAX_ATTEMPTS = 1
    submit()
    run_command()  # cron: SMTP is down, the outbox gives up
    editor = get_user_model().objects.create_user("redaktor", is_staff=True)
    editor.groups.add(services.ensure_editor_group())
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    assert "2 e-postmeddelanden om tillgänglighetsärenden kunde inte skickas" in body
    assert "?state__exact=failed" in body
