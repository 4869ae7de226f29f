"""What a screen reader hears and what a narrow screen shows on the public pages, beyond
what axe finds (issue 16, points 7–13): read from the accessibility tree, at 320 px
with and without WCAG 1.4.12 text spacing, and in forced colours."""

import re

import pytest
from django.urls import reverse

from accessibility.models import AccessibilityRequest, AccessibilityStatement
from accessibility.shortcomings import SHORTCOMINGS
from followup.models import ActivityStatus

from .conftest import assert_accessible
from .test_pages import PAGES, add_statuses

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}
# WCAG 1.4.12's test values, as the usual text-spacing bookmarklet injects them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def sideways(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def report_with_a_bare_count():
    """The seed report with statuses, one of them an achieved count for an activity
    that has neither target nor unit."""
    url = add_statuses()
    status = (
        ActivityStatus.objects.filter(report__period__municipality__slug="jonkoping")
        .select_related("activity")
        .order_by("activity__order", "activity__pk")
        .first()
    )
    activity = status.activity
    activity.target_count, activity.target_unit = None, ""
    activity.save()
    status.achieved_count = 3
    status.save()
    return url, activity


def test_report_table_names_each_status_by_its_activity_at_320_px(
    live_server, open_page, seed_content
):
    url, activity = report_with_a_bare_count()
    page = open_page(NARROW)
    page.goto(live_server.url + url)
    assert sideways(page) <= 0
    # The activity is the row's header, so moving down the status column a screen
    # reader says which activity each status is for.
    headers = page.get_by_role("rowheader")
    assert headers.count() >= 2
    assert activity.text[:30] in headers.first.inner_text()
    # Every cell is whole on the screen: nothing cut off to the right.
    for cell in page.locator(".status-table td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], box
    # A number is said with what it is (point 10).
    row = page.locator(f"#status-{activity.pk}")
    assert "Uppnått: 3" in row.inner_text()
    assert_accessible(page)


def test_report_table_is_no_tab_stop_when_nothing_scrolls(live_server, page, seed_content):
    page.goto(live_server.url + add_statuses())
    focusable = page.evaluate(
        "[...document.querySelectorAll('main [tabindex]')]"
        ".filter(e => e.tabIndex >= 0).map(e => e.className)"
    )
    assert focusable == []


def test_breadcrumb_separator_is_not_read(live_server, page, seed_content):
    page.goto(live_server.url + add_statuses())
    tree = page.get_by_role("navigation", name="Brödsmulor").aria_snapshot()
    assert "Jönköping" in tree
    assert "›" not in tree


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
@pytest.mark.parametrize(
    "name", ["start", "kommun", "period", "uppfoljning-med-status", "overenskommelse", "om"]
)
def test_no_sideways_scrolling_at_320_px_with_text_spacing(
    live_server, open_page, seed_content, name, spacing
):
    # bypass_csp lets the test inject its style sheet as the bookmarklet does; the page
    # itself still sends its CSP.
    page = open_page(NARROW, bypass_csp=True)
    page.goto(live_server.url + PAGES[name]())
    if spacing:
        page.add_style_tag(content=TEXT_SPACING)
    assert sideways(page) <= 0, f"{name} is {sideways(page)} px too wide"


def test_text_spacing_lets_a_long_compound_wrap(live_server, open_page, seed_content):
    page = open_page(NARROW, bypass_csp=True)
    page.goto(live_server.url + PAGES["kommun"]())
    page.add_style_tag(content=TEXT_SPACING)
    # A link as long as the longest compounds the pages use, in a link list and a tag.
    page.evaluate(
        """() => {
            const list = document.querySelector('main ul.link-list') ||
                document.querySelector('main').appendChild(document.createElement('ul'));
            list.className = 'link-list';
            const item = list.appendChild(document.createElement('li'));
            item.innerHTML = '<a href="#">Samverkansöverenskommelsen</a> '
                + '<span class="tag">samverkansöverenskommelse</span>';
        }"""
    )
    assert sideways(page) <= 0


def test_unknown_words_on_the_start_page_are_explained(live_server, page, db):
    page.goto(live_server.url + reverse("portal:home"))
    lead = page.locator(".lead")
    assert lead.locator("dfn").inner_text() == "tertial"
    assert "januari–april" in lead.inner_text()
    for word in ("lokalpolisområde", "lägesbild"):
        page.goto(live_server.url + reverse("portal:home"))
        with page.expect_navigation():
            page.get_by_role("link", name=word, exact=True).click()
        target = page.url.split("#")[1]
        term = page.locator(f"#{target}")
        assert term.inner_text().lower() == word
        definition = term.locator("xpath=following-sibling::dd[1]").inner_text()
        assert len(definition.split()) >= 8
    assert_accessible(page)


@pytest.mark.parametrize("forced", ["none", "active"])
def test_errors_say_fel_in_words_also_in_forced_colours(live_server, page, db, forced):
    page.emulate_media(forced_colors=forced)
    page.goto(live_server.url + reverse("accessibility:report-barrier"))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Skicka")).click()
    message = page.locator("#id_message_error")
    prefix = message.locator(".error-message__prefix")
    assert prefix.inner_text() == "Fel:"
    # Seen, not only heard: the word takes room on the screen, in forced colours too,
    # where the red that tells error from label is gone.
    box = prefix.bounding_box()
    assert box["width"] > 15 and box["height"] > 10
    assert message.screenshot() != page.locator("label[for='id_message']").screenshot()
    assert "Fel: Beskriv problemet" in message.inner_text()


def test_autofilled_honeypot_is_kept_in_quarantine_and_not_heard(live_server, page, settings, db):
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 0
    page.goto(live_server.url + reverse("accessibility:report-barrier"))
    tree = page.locator("main").aria_snapshot()
    assert "tomt" not in tree  # the honeypot's label is not in the accessibility tree
    honeypot = page.locator(".hp input")
    assert honeypot.get_attribute("autocomplete") == "off"
    assert honeypot.get_attribute("name") not in ("website", "url", "name", "email")
    page.locator("#id_page_url").fill(live_server.url + "/")
    page.get_by_label("Beskriv problemet").fill("Kartan går inte att använda med tangentbord.")
    page.get_by_label(re.compile("Jag godkänner")).check()
    # As a password manager would: it fills the field without the person seeing it.
    honeypot.evaluate("e => { e.value = 'https://example.se'; }")
    page.get_by_role("button", name=re.compile("^Skicka")).click()
    page.wait_for_url(re.compile("/kvitto/"))
    stored = AccessibilityRequest.objects.get()
    assert stored.is_quarantined and "autofyll" in stored.quarantine_reason
    assert stored.reference in page.locator(".reference").inner_text()


def test_statement_reads_true_and_complete(live_server, page, db, settings):
    settings.ORGANISATION_NAME = "Polismyndigheten"
    AccessibilityStatement.objects.get_or_create(
        pk=1, defaults={"assessed_on": "2026-11-21", "reviewed_on": "2026-11-21"}
    )
    page.goto(live_server.url + reverse("accessibility:statement"))
    main = page.locator("main")
    tree = main.aria_snapshot()
    assert "Polismyndigheten ansvarar för webbplatsen" in tree
    for item in SHORTCOMINGS:
        number, name = item.criteria_named()[0]
        listed = main.get_by_role("listitem").filter(has_text=item.text[:40])
        assert f"WCAG {number} {name}" in listed.inner_text()
    assert main.get_by_role("link", name=re.compile(r"^\d")).count() == 1  # the phone
    assert "Webbplatsen publicerades den" in main.inner_text()
    dates = main.locator("time").all_inner_texts()
    assert dates.count("21 november 2026") >= 2 and "Senast uppdaterad" in main.inner_text()
    assert_accessible(page)
