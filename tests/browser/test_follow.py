"""The "Följ" section and the alert pages in a real browser: keyboard only, axe with
zero violations at 1280 and 375 px, on every state a person meets."""

import re

import pytest
from django.core import mail

from tests.factories import LocalPoliceAreaFactory, MunicipalityFactory, PromisePeriodFactory

from .conftest import DESKTOP, PHONE, assert_accessible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = [DESKTOP, PHONE]
ADDRESS = "eva@example.se"


@pytest.fixture
def town(settings):
    # The browser types faster than a person; the time-trap has its own tests.
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 0
    town = MunicipalityFactory(name="Ödeshög", slug="odeshog")
    area = LocalPoliceAreaFactory(name="Ödeshög", slug="odeshog", municipalities=[town])
    PromisePeriodFactory(municipality=town, police_area=area, slug="2024")
    return town


def press_enter_on(page, name, tag="", limit=80):
    """Tab (keyboard only) to the link or button whose text is exactly `name`, press Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text, focused_tag = page.evaluate(
            "[(document.activeElement.innerText || '').trim(), document.activeElement.tagName]"
        )
        if text == name and (not tag or focused_tag == tag):
            break
    else:
        raise AssertionError(f"Could not reach {name!r} with the keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def path_in_mail(pattern):
    body = mail.outbox[-1].body
    return re.search(rf"https?://[^/\s]+({pattern}\S+)", body).group(1)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_follow_by_keyboard_from_the_municipality_page_to_unsubscribed(
    live_server, open_page, town, viewport
):
    page = open_page(viewport)
    page.goto(live_server.url + "/kommuner/odeshog/")
    section = page.get_by_role("region", name="Följ Ödeshög")
    assert section.is_visible()
    assert section.get_by_role("link", name="Flöde för Ödeshög (Atom)").is_visible()
    assert_accessible(page)

    # Keyboard only: to the feed link, on to the address field, a wrong address.
    tab_to(page, "Flöde för Ödeshög")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.keyboard.type("eva.example.se")
    press_enter_on(page, "Prenumerera")
    assert page.title().startswith("Fel: Få e-post om Ödeshög")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert page.get_by_label("E-postadress").input_value() == "eva.example.se"
    assert_accessible(page)

    # Corrected, sent: the receipt, and a confirmation mail.
    page.get_by_label("E-postadress").fill(ADDRESS)
    page.get_by_label("E-postadress").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/folj/tack/")
    assert page.get_by_role("heading", level=1).inner_text() == "Titta i din e-post"
    assert_accessible(page)

    page.goto(live_server.url + path_in_mail("/folj/bekrafta/"))
    assert_accessible(page)
    press_enter_on(page, "Bekräfta", tag="BUTTON")
    assert page.get_by_role("heading", level=1).inner_text() == "Du följer Ödeshög"
    assert_accessible(page)

    press_enter_on(page, "Ändra vad du följer")
    assert page.get_by_role("checkbox", name="Ödeshög").is_checked()
    assert_accessible(page)

    press_enter_on(page, "Sluta få all e-post")
    assert_accessible(page)
    press_enter_on(page, "Sluta få e-post", tag="BUTTON")
    assert page.get_by_role("heading", level=1).inner_text() == "Du får ingen mer e-post"
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_follow_sections_and_problem_pages_are_accessible(
    live_server, open_page, browser, town, viewport
):
    page = open_page(viewport)
    for path, heading in [
        ("/", "Följ hela landet"),
        (town.county.get_absolute_url(), f"Följ {town.county.name}"),
        ("/lokalpolisomraden/odeshog/", "Följ lokalpolisområde Ödeshög"),
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", name=heading).is_visible()
        assert_accessible(page)
    # The problem pages answer 400, which the browser logs; open_page would count that
    # as an error, so they get a context of their own.
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    problem = context.new_page()
    for path, heading in [
        ("/folj/bekrafta/trasig/", "Länken fungerar inte"),
        ("/folj/?omrade=kommun/finns-inte", "Området finns inte"),
    ]:
        assert problem.goto(live_server.url + path).status == 400
        assert problem.get_by_role("heading", level=1).inner_text() == heading
        assert_accessible(problem)
    context.close()


def test_the_follow_section_and_form_fit_320_px(live_server, open_page, town):
    page = open_page({"width": 320, "height": 640})
    for path in ("/kommuner/odeshog/", "/folj/?omrade=kommun/odeshog"):
        page.goto(live_server.url + path)
        assert page.get_by_role("button", name="Prenumerera").is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
