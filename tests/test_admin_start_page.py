"""The admin start page: "Så här gör du", the coordinator's "Att göra" (tertials due or
overdue, drafts), turning reminders off, and the superuser's national table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup import reminders
from municipalities.services import set_coordinator_scope
from tests.admin_helpers import make_superuser
from tests.factories import FollowUpReportFactory, MunicipalityFactory, PromisePeriodFactory
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
    template = client.get(reverse("admin:promises_promiseperiod_template"))
    assert template["Content-Disposition"] == 'attachment; filename="mall.xlsx"'


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


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_the_start_page_queries_do_not_grow(client, alfa, current_period, who):
    """Drafts, due tertials and the national table cost the same for 1 period as for 6."""
    user = alfa.coordinator if who == "coordinator" else make_superuser()
    client.force_login(user)
    url = reverse("admin:index")
    today = timezone.localdate()
    year, tertial = reminders.tertial_of(today)
    before = count_queries(client, url)

    municipalities = [MunicipalityFactory() for _ in range(5)]
    set_coordinator_scope(
        user=alfa.coordinator, municipalities=[alfa.municipality, *municipalities], police_areas=[]
    )
    for index, municipality in enumerate(municipalities):
        period = PromisePeriodFactory(
            municipality=municipality,
            starts_on=today - 300 * DAY,
            ends_on=today + 300 * DAY,
            status="published" if index % 2 else "draft",
        )
        FollowUpReportFactory(period=period, year=year, tertial=tertial, status="draft")
    assert count_queries(client, url) == before
