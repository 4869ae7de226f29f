"""The admin start page: "Så här gör du", the coordinator's "Att göra" (tertials due or
overdue, drafts), turning reminders off, and the superuser's national table."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followup import reminders
from tests.admin_helpers import make_superuser
from tests.factories import FollowUpReportFactory
from tests.helpers import text_of

DAY = datetime.timedelta(days=1)


@pytest.fixture
def current_period(alfa):
    """A published period of Alfa around today (Alfa's own period is 2024)."""
    today = timezone.localdate()
    alfa.report.delete()
    alfa.period.starts_on, alfa.period.ends_on = today - 500 * DAY, today + 400 * DAY
    alfa.period.save()
    return alfa.period


def test_the_start_page_says_what_to_do_first(client, alfa):
    client.force_login(alfa.coordinator)
    text = text_of(client.get(reverse("admin:index")))
    assert "Så här gör du" in text
    assert "Skapa perioden: Medborgarlöften (perioder) → Lägg till" in text
    assert text.index("Skapa perioden") < text.index("Publicera") < text.index("Följ upp varje")


def test_att_gora_lists_each_open_tertial_with_a_link_to_create_it(client, alfa, current_period):
    client.force_login(alfa.coordinator)
    response = client.get(reverse("admin:index"))
    text = text_of(response)
    open_now = reminders.open_tertials(timezone.localdate())
    assert open_now
    for year, tertial, _step in open_now:
        assert f"Alfalöftet 2024: tertial {tertial} {year}" in text
        query = f"period={current_period.pk}&amp;year={year}&amp;tertial={tertial}"
        assert query in response.content.decode()
    assert "inte påbörjad" in text


def test_att_gora_lists_drafts_and_hides_other_municipalities(client, alfa, beta):
    FollowUpReportFactory(period=alfa.period, year=2024, tertial=2, status="draft")
    beta.period.status = "draft"
    beta.period.save()
    client.force_login(alfa.coordinator)
    text = text_of(client.get(reverse("admin:index")))
    assert "Uppföljningar som inte är publicerade" in text
    assert "Alfakommun: tertial 2 2024 (utkast)" in text
    assert "Beta" not in text


def test_nothing_to_do_is_said(client, alfa):
    client.force_login(alfa.coordinator)
    assert "Inget väntar på dig just nu." in text_of(client.get(reverse("admin:index")))


def test_a_coordinator_turns_reminders_off_and_on(client, alfa):
    client.force_login(alfa.coordinator)
    url = reverse("admin:followup_reminder_preference")
    assert client.get(url).status_code == 405
    response = client.post(url, {"receives_reminders": "0"}, follow=True)
    assert "Du får inte längre påminnelser per e-post." in text_of(response)
    assert "Slå på påminnelserna" in text_of(response)
    alfa.coordinator.coordinator_scope.refresh_from_db()
    assert alfa.coordinator.coordinator_scope.receives_reminders is False
    client.post(url, {"receives_reminders": "1"})
    alfa.coordinator.coordinator_scope.refresh_from_db()
    assert alfa.coordinator.coordinator_scope.receives_reminders is True


def test_superusers_see_the_national_table(client, current_period, beta):
    today = timezone.localdate()
    year, tertial = reminders.previous_tertial(*reminders.tertial_of(today))
    FollowUpReportFactory(period=current_period, year=year, tertial=tertial, status="published")
    client.force_login(make_superuser())
    response = client.get(reverse("admin:index"))
    text = text_of(response)
    assert "Läget i landet" in text
    assert f"omfattar tertial {tertial} {year}" in text
    county = current_period.municipality.county.name
    assert f"{county} 1 1" in text
    assert f"{beta.municipality.county.name} 0 0" in text  # Beta's period is 2024


def test_coordinators_do_not_see_the_national_table(client, alfa):
    client.force_login(alfa.coordinator)
    assert "Läget i landet" not in text_of(client.get(reverse("admin:index")))


def test_the_start_page_queries_do_not_grow(client, alfa, beta, django_assert_max_num_queries):
    user = make_superuser()
    client.force_login(user)
    with django_assert_max_num_queries(20):
        client.get(reverse("admin:index"))
