"""Tertial reminders end to end: send_tertial_reminders → the outbox → Django's test mail
box, with "today" pinned so the tests mean the same on any date."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from followup import reminders
from followup.models import SentReminder
from municipalities.services import set_coordinator_scope
from outbox.models import EmailState, QueuedEmail
from tests.factories import FollowUpReportFactory, PromisePeriodFactory

D = datetime.date
T1_PLUS_7 = D(2025, 5, 7)  # tertial 1 2025 ended 30 April


@pytest.fixture
def period(db):
    return PromisePeriodFactory(
        title="Medborgarlöfte 2025", starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
    )


def coordinator(name, *, municipalities=(), police_areas=(), email=True):
    user = get_user_model().objects.create_user(
        name, email=f"{name}@example.se" if email else "", first_name=name.title()
    )
    set_coordinator_scope(
        user=user, municipalities=list(municipalities), police_areas=list(police_areas)
    )
    return user


def run(day, *options):
    call_command("send_tertial_reminders", f"--today={day:%Y-%m-%d}", *options, stdout=None)


def test_a_tertial_ended_seven_days_ago_gives_one_mail_per_coordinator_once(period):
    coordinator("anna", municipalities=[period.municipality])
    coordinator("bo", police_areas=[period.police_area])

    run(T1_PLUS_7)

    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    message = mail.outbox[0]
    assert message.subject == "Försenad uppföljning av medborgarlöfte – 1 att göra"
    assert "Medborgarlöfte 2025: tertial 1 (januari–april) 2025 slutade den 30 april 2025" in (
        message.body
    )
    assert "Uppföljningen är inte påbörjad. Skapa den:" in message.body
    add_url = reverse("admin:followup_followupreport_add")
    assert f"{add_url}?period={period.pk}&year=2025&tertial=1" in message.body
    assert QueuedEmail.objects.filter(state=EmailState.SENT).count() == 2

    run(T1_PLUS_7)
    run(T1_PLUS_7 + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2, "the same step is never sent twice"
    assert SentReminder.objects.count() == 2


def test_a_published_report_stops_the_reminders(period):
    coordinator("anna", municipalities=[period.municipality])
    run(T1_PLUS_7)
    assert len(mail.outbox) == 1

    FollowUpReportFactory(period=period, year=2025, tertial=1, status="published")
    run(D(2025, 5, 30))  # the 30-day step
    assert len(mail.outbox) == 1


def test_a_draft_gets_the_next_step_with_a_link_to_finish_it(period):
    coordinator("anna", municipalities=[period.municipality])
    run(T1_PLUS_7)
    draft = FollowUpReportFactory(period=period, year=2025, tertial=1, status="draft")

    run(D(2025, 5, 30))

    assert len(mail.outbox) == 2
    body = mail.outbox[1].body
    assert "Uppföljningen är ett utkast som inte är publicerat" in body
    assert reverse("admin:followup_followupreport_change", args=[draft.pk]) in body


def test_the_first_reminder_comes_before_the_tertial_ends(period):
    coordinator("anna", municipalities=[period.municipality])
    run(D(2025, 4, 15))
    assert mail.outbox == []

    run(D(2025, 4, 16))  # 14 days before 30 April

    assert [m.subject for m in mail.outbox] == ["Tertialen slutar snart – 1 att göra"]
    assert "slutar den 30 april 2025" in mail.outbox[0].body


def test_days_come_from_the_settings(period, settings):
    settings.REMINDER_DAYS_BEFORE = 3
    settings.REMINDER_DAYS_AFTER = [1]
    coordinator("anna", municipalities=[period.municipality])
    run(D(2025, 4, 16))
    assert mail.outbox == []
    run(D(2025, 4, 27))
    run(D(2025, 5, 1))
    assert len(mail.outbox) == 2


def test_a_late_coordinator_gets_only_the_latest_step(period):
    coordinator("anna", municipalities=[period.municipality])
    run(D(2025, 6, 10))
    assert len(mail.outbox) == 1
    assert list(SentReminder.objects.values_list("step", flat=True)) == [30]


def test_opted_out_deactivated_and_out_of_scope_users_get_nothing(period, alfa):
    anna = coordinator("anna", municipalities=[period.municipality])
    anna.coordinator_scope.receives_reminders = False
    anna.coordinator_scope.save()
    bo = coordinator("bo", municipalities=[period.municipality])
    bo.is_active = False
    bo.save()
    coordinator("cecilia", municipalities=[alfa.municipality])  # Alfa's period is 2024

    run(T1_PLUS_7)

    assert mail.outbox == []


def test_dry_run_lists_and_sends_nothing(period, capsys):
    coordinator("anna", municipalities=[period.municipality])
    call_command("send_tertial_reminders", "--dry-run", "--today=2025-05-07")
    out = capsys.readouterr().out
    assert "anna <anna@example.se>:" in out
    assert "tertial 1 2025 (saknas, steg +7 dagar)" in out
    assert "Skulle skicka 1 påminnelser med 1 uppföljningar till 1 samordnare" in out
    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    assert not QueuedEmail.objects.exists()


def test_a_failed_send_stays_in_the_outbox_and_is_not_queued_again(period, settings):
    settings.EMAIL_BACKEND = "tests.test_reminders.BrokenBackend"
    coordinator("anna", municipalities=[period.municipality])
    run(T1_PLUS_7)
    run(T1_PLUS_7)
    row = QueuedEmail.objects.get()
    assert row.state == EmailState.PENDING
    assert row.attempts == 1  # the retry waits for its backoff, then cron's send_outbox
    assert "SMTP nere" in row.last_error


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP nere")


def test_draft_periods_are_not_reminded_about(period):
    period.status = "draft"
    period.save()
    user = coordinator("anna", municipalities=[period.municipality])
    assert reminders.due_tertials(user, T1_PLUS_7) == []
