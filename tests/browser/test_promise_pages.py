"""Issue 14 in a real browser: zero Nu Html Checker errors and zero axe violations over
every public page shape (the pages of test_pages.py plus Läget i landet, the printable
card and a municipality with an announced period); the card prints on one A4 page; long
compounds break inside the screen at phone width."""

import datetime
import re

import pytest
from django.urls import reverse

from promises.models import PromisePeriod
from tests.factories import PromisePeriodFactory

from .conftest import DESKTOP, PHONE, assert_accessible
from .test_pages import PAGES
from .vnu import assert_valid_html

pytestmark = pytest.mark.django_db(transaction=True)


def card_url():
    period = PromisePeriod.objects.get(municipality__slug="jonkoping", slug="2020")
    return reverse(
        "portal:period-card", kwargs={"municipality_slug": "jonkoping", "slug": period.slug}
    )


def announced_url():
    jarfalla = PromisePeriod.objects.filter(municipality__slug="jarfalla").first()
    year = datetime.date.today().year + 5
    PromisePeriodFactory(
        municipality=jarfalla.municipality,
        police_area=jarfalla.police_area,
        title=f"Medborgarlöfte {year}",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        announced=True,
        announcement=f"medborgarlöften {year} undertecknas våren {year}",
    )
    return jarfalla.municipality.get_absolute_url()


NEW_PAGES = {
    "laget-i-landet": lambda: reverse("portal:overview"),
    "skriv-ut": card_url,
    "kommun-med-avisering": announced_url,
    "period-grupperad": lambda: reverse(
        "portal:period", kwargs={"municipality_slug": "jonkoping", "slug": "2020"}
    ),
}
EVERY_PAGE = {**PAGES, **NEW_PAGES}


def test_every_page_shape_has_zero_nu_html_checker_errors(live_server, page, seed_content):
    documents = {}
    for name, url in EVERY_PAGE.items():
        response = page.goto(live_server.url + url())
        documents[name] = response.text()
    assert_valid_html(documents)


@pytest.mark.parametrize("name", sorted(NEW_PAGES))
def test_new_pages_pass_axe_at_desktop_and_phone_width(live_server, open_page, seed_content, name):
    url = live_server.url + NEW_PAGES[name]()
    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport)
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"


def test_the_card_prints_on_one_a4_page(live_server, page, seed_content):
    page.goto(live_server.url + card_url())
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".breadcrumb").is_visible()
    assert page.locator(".qr-code").is_visible()


def test_long_compounds_stay_inside_the_screen_at_phone_width(live_server, open_page, seed_content):
    from promises.models import CooperationAgreement

    agreement = CooperationAgreement.objects.get(municipality__slug="jarfalla")
    page = open_page({"width": 320, "height": 640})
    page.goto(live_server.url + agreement.get_absolute_url())
    h1 = page.locator("h1")
    # The heading's long compound wraps onto more lines instead of overflowing.
    assert page.evaluate("e => e.scrollWidth <= e.clientWidth", h1.element_handle())
    line_height = page.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight)", h1.element_handle()
    )
    assert h1.bounding_box()["height"] > 1.5 * line_height
    copied = page.evaluate("document.querySelector('h1').textContent.replace(/\\u00ad/g, '')")
    assert copied == agreement.title
