"""The coordinators' admin in a real browser: the pages they use pass axe, keep to the
CSP (a violation is a console error, which fails the test) and show the accessibility
links in the footer, the login page included."""

import re

import pytest
from django.urls import reverse

from ..admin_helpers import admin_url, make_corner
from ..factories import ActivityFactory, ActivityStatusFactory
from .conftest import PHONE
from .conftest import assert_accessible as shared_assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Trygghet-i-Jakobsberg-2024"
FOOTER_LINKS = [
    "Tillgänglighetsredogörelse",
    "Påtala bristande tillgänglighet",
    "Begär att få otillgängligt innehåll levererat i alternativt format",
]


def assert_accessible(page):
    """With axe's CSS preloading off. Django's forms.css @imports widgets.css; axe's
    preloader fetches it from a wrong address and injects it as an inline <style>, which
    the CSP rightly blocks (a console error that is the test tool's, not the page's).
    Only the css-orientation-lock rule uses preloaded CSS."""
    shared_assert_accessible(page, preload=False)


def assert_footer(page):
    footer = page.get_by_role("navigation", name="Tillgänglighet")
    for name in FOOTER_LINKS:
        assert footer.get_by_role("link", name=name).is_visible()


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/admin/")


@pytest.fixture
def coordinator_corner():
    corner = make_corner("Alfa", published=False)
    corner.coordinator.set_password(PASSWORD)
    corner.coordinator.save()
    return corner


def test_login_page_is_accessible_and_has_the_footer_links(live_server, open_page):
    for viewport in (None, PHONE):
        page = open_page(viewport) if viewport else open_page()
        page.goto(live_server.url + reverse("admin:login"))
        assert page.locator("html").get_attribute("lang") == "sv"
        assert_footer(page)
        assert_accessible(page)
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert page.url.startswith(live_server.url + reverse("accessibility:statement"))


def test_coordinator_fills_in_a_report_on_accessible_pages(live_server, page, coordinator_corner):
    corner = coordinator_corner
    for index in range(4):
        ActivityStatusFactory(
            report=corner.report,
            activity=ActivityFactory(period=corner.period, text=f"Aktivitet {index + 2}"),
        )
    log_in(page, live_server, corner.coordinator.username)
    assert_accessible(page)

    page.goto(live_server.url + admin_url("followup", "followupreport", "change", corner.report.pk))
    activities = page.locator("#statuses-group").get_by_role("rowheader")
    assert activities.count() == 5
    assert "Alfas aktivitet: fler vandringar" in activities.first.inner_text()
    assert_footer(page)
    assert_accessible(page)

    # Each control is named by its column and its activity, as a screen reader says it.
    page.get_by_role("combobox", name=re.compile(r"^Status Alfas aktivitet")).select_option(
        label="Genomförd"
    )
    comment = page.get_by_role("textbox", name=re.compile(r"^Kommentar \(frivilligt\) Alfas"))
    comment.fill("Klart i april.")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    assert page.locator("select[name='statuses-0-status']").input_value() == "genomford"
    assert page.locator("textarea[name='statuses-0-comment']").input_value() == "Klart i april."
    assert_accessible(page)


def test_report_status_rows_stack_on_a_phone(live_server, open_page, coordinator_corner):
    corner = coordinator_corner
    page = open_page(PHONE)
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("followup", "followupreport", "change", corner.report.pk))
    # Each control is whole on the screen under its own visible label, not in a table
    # to scroll sideways; a screen reader still hears the column and the activity.
    row = page.locator("#statuses-0")
    assert row.get_by_text("Kommentar", exact=False).first.is_visible()
    comment = page.get_by_role("textbox", name=re.compile(r"^Kommentar \(frivilligt\) Alfas"))
    box = comment.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.parametrize(
    ("app_label", "model_name", "view"),
    [
        ("promises", "promiseperiod", "changelist"),
        ("promises", "promiseperiod", "change"),
        ("promises", "promiseperiod", "history"),
        ("followup", "followupreport", "add"),
    ],
)
def test_coordinator_pages_are_accessible(
    live_server, page, coordinator_corner, app_label, model_name, view
):
    corner = coordinator_corner
    args = [corner.period.pk] if view in ("change", "history") else []
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url(app_label, model_name, view, *args))
    assert page.locator("h1").count() == 1
    assert_footer(page)
    assert_accessible(page)


def test_report_preview_opens_for_the_coordinator(live_server, page, coordinator_corner):
    corner = coordinator_corner
    log_in(page, live_server, corner.coordinator.username)
    page.goto(live_server.url + admin_url("followup", "followupreport", "change", corner.report.pk))
    page.get_by_role("link", name="Förhandsvisa").click()
    assert page.get_by_text("Förhandsvisning – utkastet är inte publicerat").is_visible()
    assert page.get_by_text("Alfas kommentar").is_visible()
    assert_accessible(page)
