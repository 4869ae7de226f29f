"""The coordinators' admin as a screen-reader and keyboard user meets it (issue 16,
points 1–5): a warning before the session ends, named comboboxes and inline rows, the
error summary, and native date inputs. Names are read from the accessibility tree."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..admin_helpers import admin_url, make_corner
from ..factories import ActivityFactory, GoalFactory
from .test_admin import PASSWORD, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corner():
    corner = make_corner("Alfa", published=False)
    corner.coordinator.set_password(PASSWORD)
    corner.coordinator.save()
    return corner


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def open_period(page, live_server, corner):
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("promises", "promiseperiod", "change", corner.period.pk))


# --- 1. the session warning --------------------------------------------------------------
def test_login_page_states_the_session_limits(live_server, page, settings):
    settings.SESSION_COOKIE_AGE = 60 * 60
    settings.SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
    page.goto(live_server.url + reverse("admin:login"))
    text = page.locator(".session-limits").inner_text()
    assert "efter 60 minuter utan aktivitet" in text
    assert "senast 10 timmar efter inloggningen" in text


def test_warning_before_the_idle_limit_extends_the_session_without_losing_text(
    live_server, page, settings, corner
):
    # The warning comes `SESSION_WARNING_SECONDS` before the idle limit: here after 3 s.
    settings.SESSION_COOKIE_AGE = 123
    settings.SESSION_WARNING_SECONDS = 120
    open_period(page, live_server, corner)
    title = page.get_by_role("textbox", name="Rubrik")
    title.fill("Ändrad rubrik som inte är sparad")
    expires = {c["name"]: c["expires"] for c in page.context.cookies()}["sessionid"]

    alert = page.get_by_role("alert").filter(has_text="loggas ut")
    expect(alert).to_be_visible(timeout=10_000)
    assert "Det du har skrivit men inte sparat försvinner" in alert.inner_text()
    assert "- alert" in page.locator("#session-warning").aria_snapshot()
    extend = page.get_by_role("button", name="Förläng")
    extend.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#session-warning-text")).to_contain_text("Förlängt")
    assert not extend.is_visible()
    # Back where the person was, with what they typed.
    assert focused_id(page) == "id_title"
    assert title.input_value() == "Ändrad rubrik som inte är sparad"
    renewed = {c["name"]: c["expires"] for c in page.context.cookies()}["sessionid"]
    assert renewed > expires
    assert page.url.endswith(f"/{corner.period.pk}/change/")


def test_warning_before_the_absolute_limit_offers_no_extension(live_server, page, settings, corner):
    settings.SESSION_ABSOLUTE_SECONDS = 123
    settings.SESSION_WARNING_SECONDS = 120
    open_period(page, live_server, corner)
    alert = page.get_by_role("alert").filter(has_text="loggas ut")
    expect(alert).to_be_visible(timeout=10_000)
    assert "så länge som det är tillåtet" in alert.inner_text()
    assert page.get_by_role("button", name="Förläng").count() == 0


# --- 2. comboboxes ------------------------------------------------------------------------
def test_autocomplete_pickers_are_named_by_label_and_value(live_server, page, corner):
    open_period(page, live_server, corner)
    municipality = page.get_by_role("combobox", name=re.compile(r"^Kommun"))
    expect(municipality).to_have_accessible_name(re.compile(rf"^Kommun:? {corner.municipality}"))
    area = page.get_by_role("combobox", name=re.compile(r"^Lokalpolisområde"))
    expect(area).to_have_accessible_name(re.compile(rf"{corner.police_area}$"))
    municipality.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("searchbox", name="Sök kommun")).to_be_focused()
    page.keyboard.press("Escape")

    page.goto(live_server.url + admin_url("promises", "promiseperiod", "add"))
    expect(page.get_by_role("combobox", name=re.compile(r"^Kommun"))).to_have_count(1)
    assert_accessible(page)


# --- 3. inline rows -----------------------------------------------------------------------
def test_inline_rows_and_their_controls_say_which_row(live_server, page, corner):
    ActivityFactory(period=corner.period, text="Lokalpolisen i Alfa ska hålla öppet hus", order=2)
    GoalFactory(period=corner.period, text="Färre anmälda inbrott i centrum")
    open_period(page, live_server, corner)

    second = page.get_by_role("group", name=re.compile(r"^Aktivitet 2: Lokalpolisen i Alfa ska"))
    expect(second).to_have_count(1)
    expect(
        second.get_by_role("combobox", name=re.compile(r"^Ansvarig – Aktivitet 2: Lokalpolisen"))
    ).to_have_count(1)
    expect(second.get_by_role("checkbox", name="Radera aktivitet 2")).to_have_count(1)
    # No two delete boxes, and no two activity text boxes, share a name.
    names = [
        box.evaluate("e => e.getAttribute('aria-label')")
        for box in page.locator('input[type="checkbox"][name$="-DELETE"]').all()
    ]
    assert len(names) == len(set(names)) >= 4, names
    assert "Radera mål 2" in names and "Radera löfte 1" in names
    tree = page.locator("#content-main").aria_snapshot()
    assert 'checkbox "Radera"' not in tree
    assert_accessible(page)


def test_rows_added_in_the_browser_are_numbered_like_saved_ones(live_server, page, corner):
    open_period(page, live_server, corner)
    page.locator("#activities-group .add-row a").click()
    page.locator("#activities-group .add-row a").click()

    for position in (2, 3):  # the period has one saved activity
        row = page.get_by_role("group", name=f"Aktivitet {position} (ny)")
        expect(row).to_have_count(1)
        expect(
            row.get_by_role("combobox", name=f"Ansvarig – Aktivitet {position} (ny)")
        ).to_have_count(1)
    # Removing the first added row renumbers the one after it.
    page.locator(
        "#activities-group .inline-related:not(.empty-form) .inline-deletelink"
    ).first.click()
    expect(page.get_by_role("group", name="Aktivitet 2 (ny)")).to_have_count(1)
    expect(page.get_by_role("group", name="Aktivitet 3 (ny)")).to_have_count(0)
    assert 'group "Aktivitet (ny)"' not in page.locator("#activities-group").aria_snapshot()


# --- 4. the error summary -----------------------------------------------------------------
def test_error_summary_is_focused_and_links_to_main_and_inline_fields(live_server, page, corner):
    open_period(page, live_server, corner)
    page.get_by_role("textbox", name="Rubrik").fill("")
    page.get_by_role("textbox", name=re.compile(r"^Aktivitet – Aktivitet 1")).fill("")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    page.wait_for_load_state("load")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.get_by_role("heading", name="Det finns ett problem").is_visible()
    links = summary.get_by_role("link")
    texts = links.all_inner_texts()
    assert len(texts) == 2, texts
    assert texts[0].startswith("Rubrik: ")
    assert texts[1].startswith("Aktivitet 1: Alfas aktivitet: fler vandringar – Aktivitet: ")
    assert not page.get_by_text("Var god rätta felen nedan.").is_visible()
    links.nth(1).click()
    assert "#" + focused_id(page) == links.nth(1).get_attribute("href")
    assert_accessible(page)


def test_login_error_is_focused_and_tied_to_the_inputs(live_server, page, corner):
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Användarnamn").fill(corner.coordinator.username)
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")
    expect(page.locator(".error-summary")).to_be_focused()
    for label in ("Användarnamn", "Lösenord"):
        field = page.get_by_label(label)
        assert field.get_attribute("aria-invalid") == "true"
        expect(field).to_have_accessible_description(re.compile("Det finns ett problem"))
    assert_accessible(page)


# --- 5. dates -----------------------------------------------------------------------------
def test_dates_are_native_inputs_with_the_iso_hint(live_server, page, corner):
    open_period(page, live_server, corner)
    starts = page.get_by_label("Gäller från")
    assert starts.get_attribute("type") == "date"
    expect(starts).to_have_accessible_description(re.compile("ÅÅÅÅ-MM-DD"))
    # No calendar pop-up with "<" and ">" month links, no "Idag" shortcut.
    assert page.locator(".datetimeshortcuts").count() == 0
    assert page.get_by_role("link", name="Kalender").count() == 0
    starts.fill("2024-02-01")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    page.wait_for_load_state("load")
    corner.period.refresh_from_db()
    assert corner.period.starts_on.isoformat() == "2024-02-01"
    assert page.get_by_label("Gäller från").input_value() == "2024-02-01"
