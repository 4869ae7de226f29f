"""The coordinator's cycle in a real browser: the start page's "Att göra", a spreadsheet
import's preview and the history page pass axe, keep to the CSP and work by keyboard."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import Workbook

from followup import services
from followup.reminders import tertial_of
from promises.models import Promise
from promises.spreadsheets.period import COLUMNS

from ..admin_helpers import admin_url, make_corner
from .conftest import PHONE
from .test_admin import PASSWORD, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corner():
    corner = make_corner("Alfa")
    corner.report.delete()
    today = timezone.localdate()
    corner.period.starts_on = today - datetime.timedelta(days=500)
    corner.period.ends_on = today + datetime.timedelta(days=400)
    corner.period.save()
    corner.coordinator.set_password(PASSWORD)
    corner.coordinator.save()
    return corner


def test_the_start_page_shows_att_gora_and_is_accessible(live_server, open_page, corner):
    for viewport in (None, PHONE):
        page = open_page(viewport) if viewport else open_page()
        log_in(page, live_server, corner.coordinator.username)
        assert page.get_by_role("heading", name="Så här gör du").is_visible()
        todo = page.get_by_role("region", name="Att göra")
        link = todo.get_by_role("link", name="Alfakommun, Alfalöftet 2024: tertial").first
        assert link.is_visible()
        assert_accessible(page)
    link.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Lägg till uppföljning").is_visible()


def test_the_import_preview_is_accessible_and_imports(live_server, open_page, corner, tmp_path):
    book = Workbook()
    book.active.append([column.header for column in COLUMNS])
    book.active.append(
        ["", "Löfte", "Ljusare gångvägar", "Bättre belysning", "", "", None, "", None, None]
    )
    book.active.append(
        [
            "",
            "Aktivitet",
            "Ljusare gångvägar",
            "Byta lampor",
            "Kommunen",
            "",
            20,
            "lampor",
            None,
            None,
        ]
    )
    path = tmp_path / "alfa.xlsx"
    book.save(path)

    page = open_page()
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("promises", "promiseperiod", "import", corner.period.pk))
    assert_accessible(page)
    page.get_by_label("Kalkylark").set_input_files(str(path))
    page.get_by_role("button", name="Förhandsvisa").click()
    page.wait_for_load_state()
    assert "2 nya, 0 ändrade, 0 oförändrade" in page.locator("main, #content").first.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Läs in").click()
    page.wait_for_load_state()
    assert "Kalkylarket alfa.xlsx är inläst" in page.content()
    assert Promise.objects.filter(title="Ljusare gångvägar").exists()


def test_an_import_with_errors_is_accessible(live_server, open_page, corner, tmp_path):
    book = Workbook()
    book.active.append([column.header for column in COLUMNS])
    book.active.append(["", "Aktivitet", "", "Byta lampor", "Polis", "", None, "", None, None])
    path = tmp_path / "fel.xlsx"
    book.save(path)
    page = open_page()
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("promises", "promiseperiod", "import", corner.period.pk))
    page.get_by_label("Kalkylark").set_input_files(str(path))
    page.get_by_role("button", name="Förhandsvisa").click()
    page.wait_for_load_state()
    assert page.title().startswith("Fel: ")
    assert "Rad 2, kolumn E (Ansvarig)" in page.locator(".error-summary").inner_text()
    assert_accessible(page)


def test_the_history_page_is_swedish_and_accessible(live_server, open_page, corner):
    year, tertial = tertial_of(timezone.localdate())
    report = services.create_report(period=corner.period, year=year, tertial=tertial)
    status = report.statuses.get()
    status.achieved_count = 52
    status.save()
    page = open_page()
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("promises", "promiseperiod", "history", corner.period.pk))
    assert_accessible(page)
    page.goto(live_server.url + admin_url("followup", "followupreport", "history", report.pk))
    section = page.get_by_role("region", name="Ändringar i status per aktivitet")
    assert "Uppnått antal: (tomt) → 52" in section.inner_text()
    assert_accessible(page)
