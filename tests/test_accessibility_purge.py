"""Personal data in closed requests is erased after the time the statement promises."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accessibility.models import (
    AccessibilityRequest,
    Notification,
    NotificationKind,
    NotificationState,
    RequestState,
)

from .test_accessibility_admin import make_request as make_any_request

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def make_request(*, reference, state=RequestState.NEW, closed_days_ago=None):
    """A request from Alva Andersson (alva@example.se) in `state`."""
    return make_any_request(
        reference,
        state=state,
        answered_at=NOW if state == RequestState.ANSWERED else None,
        closed_at=NOW - datetime.timedelta(days=closed_days_ago) if closed_days_ago else None,
    )


def purge(*args):
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def requests_of_all_ages(settings):
    settings.ACCESSIBILITY_PURGE_AFTER_DAYS = 90
    return {
        "old_closed": make_request(
            reference="TG-AAAAAA", state=RequestState.CLOSED, closed_days_ago=91
        ),
        "recent_closed": make_request(
            reference="TG-BBBBBB", state=RequestState.CLOSED, closed_days_ago=10
        ),
        "old_open": make_request(reference="TG-CCCCCC"),
        "answered": make_request(reference="TG-DDDDDD", state=RequestState.ANSWERED),
    }


def test_purge_erases_name_and_email_of_long_closed_requests_only(requests_of_all_ages):
    assert "Rensade namn och e-postadress i 1 avslutade ärenden (äldre än 90 dagar)." in purge()
    old = AccessibilityRequest.objects.get(reference="TG-AAAAAA")
    assert old.contact_name == "" and old.contact_email == ""
    assert old.personal_data_purged_at is not None
    # The request itself, its reference and its description remain as a record.
    assert old.message == "Sökrutan saknar etikett." and old.state == RequestState.CLOSED
    for reference in ("TG-BBBBBB", "TG-CCCCCC", "TG-DDDDDD"):
        kept = AccessibilityRequest.objects.get(reference=reference)
        assert kept.contact_email == "alva@example.se" and kept.personal_data_purged_at is None


def test_purge_is_idempotent(requests_of_all_ages):
    purge()
    purged_at = AccessibilityRequest.objects.get(reference="TG-AAAAAA").personal_data_purged_at
    assert "i 0 avslutade ärenden" in purge()
    assert (
        AccessibilityRequest.objects.get(reference="TG-AAAAAA").personal_data_purged_at == purged_at
    )


def test_dry_run_changes_nothing(requests_of_all_ages):
    assert "1 avslutade ärenden skulle rensas" in purge("--dry-run")
    assert AccessibilityRequest.objects.filter(contact_email="alva@example.se").count() == 4


def test_days_option_overrides_the_setting(requests_of_all_ages):
    assert "i 2 avslutade ärenden (äldre än 5 dagar)" in purge("--days", "5")


def test_reopened_request_is_not_purged(requests_of_all_ages):
    request = requests_of_all_ages["old_closed"]
    request.move_to(RequestState.IN_PROGRESS)
    request.save()
    assert "i 0 avslutade ärenden" in purge()


def test_purge_cancels_a_confirmation_that_never_went_out(requests_of_all_ages):
    request = requests_of_all_ages["old_closed"]
    Notification.objects.create(request=request, kind=NotificationKind.CONFIRMATION)
    purge()
    row = Notification.objects.get()
    assert row.state == NotificationState.FAILED
    assert row.last_error == "Personuppgifterna rensades innan meddelandet skickades."


def test_help_is_in_swedish(capsys):
    with pytest.raises(SystemExit):
        call_command("purge_personal_data", "--help")
    help_text = capsys.readouterr().out
    assert "Raderar namn och e-postadress" in help_text
    assert "--dry-run" in help_text and "utan att" in help_text
