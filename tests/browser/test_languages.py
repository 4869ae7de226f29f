"""The English pages in Chromium (issue 20): every public page shape passes axe-core
(html-lang-valid and valid-lang included) at desktop and phone width and the Nu Html
Checker, with the seed content untranslated and so marked lang="sv"; the language links
work with the keyboard and lead to the same page."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from .conftest import DESKTOP, PHONE, assert_accessible
from .test_pages import PAGES
from .vnu import html_errors

pytestmark = pytest.mark.django_db(transaction=True)

MORE = {
    "laget-i-landet": lambda: reverse("portal:overview"),
    "utskrift": lambda: PAGES["period"]() + "skriv-ut/",
    "tillganglighet": lambda: reverse("accessibility:statement"),
    "pata-brister": lambda: reverse("accessibility:report-barrier"),
    "alternativt-format": lambda: reverse("accessibility:alternative-format"),
    "folj": lambda: reverse("alerts:subscribe") + "?omrade=kommun/jarfalla",
    "oppna-data": lambda: reverse("opendata:index"),
    "oppna-data-kommun": lambda: reverse("opendata:municipality", kwargs={"code": "0123"}),
    "api": lambda: reverse("opendata:api-docs"),
}
SHAPES = {**PAGES, **MORE}


def english(url):
    return "/en" + url


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_english_page_shape_passes_axe_at_desktop_and_phone_width(
    live_server, open_page, seed_content, name
):
    url = live_server.url + english(SHAPES[name]())
    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport)
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").count() == 1
        assert_accessible(page)
        # The language rules by name, whatever the tags select.
        results = Axe().run(page, options={"runOnly": ["html-lang-valid", "valid-lang"]})
        assert results.violations_count == 0, results.generate_report()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"


def test_the_english_pages_are_valid_html(live_server, page, seed_content):
    pages = {}
    for name, url in SHAPES.items():
        response = page.goto(live_server.url + english(url()))
        assert response.ok, name
        pages[name] = response.text()
    errors = html_errors(pages)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


def test_the_english_404_page_passes_axe(live_server, browser, db):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = context.new_page()
        response = page.goto(live_server.url + "/en/kommuner/finns-inte/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert_accessible(page)
    finally:
        context.close()


def test_the_language_links_take_the_keyboard_to_the_same_page(live_server, page, seed_content):
    swedish = PAGES["period"]()
    page.goto(live_server.url + swedish)
    nav = page.get_by_role("navigation", name="Språk")
    link = nav.get_by_role("link", name="English")
    assert link.get_attribute("hreflang") == "en" and link.get_attribute("lang") == "en"
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + english(swedish)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Medborgarlöfte 2019–2020 in Järfälla"
    assert page.locator("h1 [lang=sv]").inner_text() == "Medborgarlöfte 2019–2020"
    current = page.get_by_role("navigation", name="Language").locator("[aria-current]")
    assert current.inner_text() == "English" and current.get_attribute("lang") == "en"
    with page.expect_navigation():
        page.get_by_role("link", name="Svenska").click()
    assert page.url == live_server.url + swedish
    assert page.locator("html").get_attribute("lang") == "sv"
