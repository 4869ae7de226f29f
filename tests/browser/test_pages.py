"""The public pages in a real browser: axe-core on every page type at desktop and phone
width, keyboard-only navigation from the start page to a follow-up, and search."""

import pytest
from django.urls import reverse

from followup.models import ActivityStatus, FollowUpReport
from promises.models import CooperationAgreement, PromisePeriod
from tests.factories import ActivityStatusFactory
from tests.helpers import period_url, report_url

from .conftest import DESKTOP, PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def add_statuses():
    """The source pages publish no status per activity; give one report some, so the
    status table and the progress figure are checked too."""
    report = FollowUpReport.objects.get(period__municipality__slug="jonkoping", year=2019)
    statuses = ["genomford", "pagar", "forsenad", "ej_paborjad", "utgar"]
    for n, activity in enumerate(report.period.activities.order_by("pk")):
        ActivityStatusFactory(
            report=report,
            activity=activity,
            status=statuses[n % len(statuses)],
            comment="Kommentar om läget." if n % 2 else "",
        )
    return report.get_absolute_url()


def agreement_url():
    return CooperationAgreement.objects.get(municipality__slug="jarfalla").get_absolute_url()


PAGES = {
    "start": lambda: reverse("portal:home"),
    "om": lambda: reverse("portal:about"),
    "sok": lambda: reverse("portal:search") + "?q=krogtillsyn",
    "sok-fel": lambda: reverse("portal:search") + "?q=" + "lång " * 60,
    "sok-inga-traffar": lambda: reverse("portal:search") + "?q=zzzyxw",
    "sok-menade-du": lambda: reverse("portal:search") + "?q=krogtilsyner",
    "sok-sida-2": lambda: reverse("portal:search") + "?q=polisen&sida=2",
    "sok-filter": lambda: reverse("portal:search") + "?q=polisen&lan=jonkopings-lan&typ=aktivitet",
    "lan": lambda: reverse("portal:county", kwargs={"slug": "jonkopings-lan"}),
    "kommun": lambda: reverse("portal:municipality", kwargs={"slug": "jarfalla"}),
    "kommun-utan-lofte": lambda: reverse("portal:municipality", kwargs={"slug": "sigtuna"}),
    "period": lambda: period_url("jarfalla", "2019-2020"),
    "period-med-aktiviteter-per-lofte": lambda: period_url("jonkoping", "2018-2019"),
    "uppfoljning-med-status": add_statuses,
    "uppfoljning-utan-status": lambda: report_url("jonkoping", "2018-2019", 2018, 3),
    "lokalpolisomrade": lambda: reverse("portal:police-area", kwargs={"slug": "sollentuna"}),
    "overenskommelse": agreement_url,
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_type_passes_axe_at_desktop_and_phone_width(
    live_server, open_page, seed_content, name
):
    url = live_server.url + PAGES[name]()
    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport)
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert page.locator("footer").get_by_role("link", name="Påtala bristande tillgänglighet")
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"


def test_the_404_page_passes_axe_at_desktop_and_phone_width(live_server, browser, db):
    # Not through `open_page`: the browser rightly logs the page's own 404 status as a
    # console error. Every other console error still fails the test.
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport, locale="sv-SE")
        try:
            page = context.new_page()
            errors = []
            page.on(
                "console",
                lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text),
            )
            response = page.goto(live_server.url + "/kommuner/finns-inte/")
            assert response.status == 404
            assert page.locator("h1").inner_text() == "Sidan finns inte"
            assert_accessible(page)
            assert [e for e in errors if "status of 404" not in e] == []
        finally:
            context.close()


@pytest.mark.parametrize("name", ["kommun", "uppfoljning-med-status", "start"])
def test_readable_at_320_px_without_sideways_scrolling(live_server, open_page, seed_content, name):
    page = open_page({"width": 320, "height": 640})
    page.goto(live_server.url + PAGES[name]())
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_long_word_in_a_status_comment_wraps_on_a_phone(live_server, open_page, seed_content):
    url = add_statuses()
    long_comment = "Trygghetsskapandeåtgärderna genomfördes enligt https://jonkoping.se/trygghet."
    ActivityStatus.objects.filter(report__period__municipality__slug="jonkoping").exclude(
        comment=""
    ).update(comment=long_comment)
    page = open_page(PHONE)
    page.goto(live_server.url + url)
    assert page.get_by_text(long_comment).first.is_visible()
    sideways = page.evaluate(
        "[...document.querySelectorAll('.status-table')]"
        ".map(e => e.getBoundingClientRect().right - document.querySelector('main').clientWidth)"
    )
    assert sideways and max(sideways) <= 0, sideways


def tab_to_link(page, text, limit=200):
    """Press Tab until a link whose text is exactly `text` has focus, then check that the
    focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.tagName, (e.innerText || '').trim()]; }"
        )
        if focused == ["A", text]:
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"The focus on {text!r} cannot be seen"
            return
    raise AssertionError(f"Could not reach the link {text!r} with the keyboard")


def test_keyboard_only_from_start_to_a_follow_up(live_server, page, seed_content):
    page.goto(live_server.url + reverse("portal:home"))
    steps = [
        ("Jönköpings län", "Jönköpings län"),
        ("Jönköping", "Medborgarlöften i Jönköping"),
        ("Medborgarlöfte 2018–2019", "Medborgarlöfte 2018–2019 i Jönköping"),
        ("Uppföljning tertial 1 2019", "Uppföljning tertial 1 2019"),
    ]
    for link, heading in steps:
        tab_to_link(page, link)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text() == heading
    assert page.url.endswith(report_url("jonkoping", "2018-2019", 2019, 1))
    assert "Det finns ingen status per aktivitet publicerad" in page.locator("main").inner_text()
    # ...and back to the previous report with the keyboard too.
    tab_to_link(page, "Föregående uppföljning\nUppföljning tertial 3 2018")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Uppföljning tertial 3 2018"


def test_search_from_the_start_page_finds_and_marks_an_inflected_word(
    live_server, page, seed_content
):
    page.goto(live_server.url + reverse("portal:home"))
    page.get_by_label("Sök bland medborgarlöften").fill("krogtillsyn")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Sök"
    assert page.get_by_role("heading", name="2 träffar för ”krogtillsyn”").is_visible()
    marks = page.locator(".search-results mark").all_inner_texts()
    assert marks == ["krogtillsyner", "krogtillsyner"]
    with page.expect_navigation():
        page.locator(".search-results a").first.click()
    assert page.locator("h1").inner_text() == "Medborgarlöfte 2020 i Jönköping"
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").inner_text().startswith("Polisen ska arbeta förebyggande")


def test_a_period_in_the_past_is_labelled_with_its_years(live_server, page, seed_content):
    assert not PromisePeriod.objects.published().current().exists()
    page.goto(live_server.url + reverse("portal:municipality", kwargs={"slug": "sollentuna"}))
    heading = page.get_by_role("heading", level=2).first.inner_text()
    assert heading == "Senaste medborgarlöftet (2023–2024)"
