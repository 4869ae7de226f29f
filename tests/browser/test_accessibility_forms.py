"""The statement and the two request forms in a real browser: axe on every state a
person can meet, focus on the error summary, and a keyboard-only report from a footer."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accessibility.models import AccessibilityRequest, AccessibilityStatement
from accessibility.services import ensure_editor_group

from .conftest import DESKTOP, PHONE, assert_accessible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = [DESKTOP, PHONE]
BARRIER = reverse("accessibility:report-barrier")
FORMAT = reverse("accessibility:alternative-format")


@pytest.fixture(autouse=True)
def statement(settings):
    """Transactional tests empty the tables between tests; put the statement back."""
    settings.ACCESSIBILITY_EDITOR_EMAILS = ["redaktor@example.se"]
    ensure_editor_group()
    today = datetime.date(2026, 11, 21)
    return AccessibilityStatement.objects.get_or_create(
        pk=1, defaults={"assessed_on": today, "reviewed_on": today}
    )[0]


def focused_class(page):
    return page.evaluate("document.activeElement.className")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_statement_is_accessible(live_server, open_page, viewport):
    page = open_page(viewport)
    page.goto(live_server.url + reverse("accessibility:statement"))
    assert page.locator("h1").inner_text() == "Tillgänglighet för Medborgarlöften"
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
@pytest.mark.parametrize("url", [BARRIER, FORMAT], ids=["barrier", "format"])
def test_form_and_its_error_state_are_accessible(live_server, open_page, viewport, url):
    page = open_page(viewport)
    page.goto(live_server.url + url)
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Skicka")).click()
    assert page.title().startswith("Fel: ")
    # Focus lands on the error summary, so a screen reader reads it first.
    assert "error-summary" in focused_class(page)
    assert page.get_by_role("heading", name="Det finns ett problem").is_visible()
    assert_accessible(page)

    # Each link in the summary leads to its field.
    first_link = page.locator(".error-summary a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert "#" + page.evaluate("document.activeElement.id") == target


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_receipt_is_accessible(live_server, open_page, viewport, settings):
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 0
    page = open_page(viewport)
    page.goto(live_server.url + FORMAT)
    page.get_by_label("Vilket innehåll vill du få i ett annat format?").fill("Uppföljningen 2018")
    page.get_by_label("Punktskrift").check()
    page.get_by_label("E-postadress").fill("bo@example.se")
    page.get_by_label(re.compile("Jag godkänner")).check()
    page.get_by_role("button", name="Skicka begäran").click()
    page.wait_for_url(re.compile("/kvitto/"))
    reference = AccessibilityRequest.objects.get().reference
    assert reference in page.locator(".reference").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_flood_limit_page_is_accessible(live_server, browser, viewport, settings):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 0
    # Chromium logs every non-2xx page load as a console error, so this test listens to
    # the console itself and allows only the expected 429.
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    errors = []
    try:
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(live_server.url + BARRIER + "?sida=/sok/")
        page.get_by_label("Beskriv problemet").fill("Sökrutan saknar etikett.")
        page.get_by_label(re.compile("Jag godkänner")).check()
        with page.expect_response(lambda r: r.request.method == "POST") as info:
            page.get_by_role("button", name="Skicka rapporten").click()
        assert info.value.status == 429
        assert page.locator("h1").inner_text() == "Du har skickat många meddelanden på kort tid"
        assert "Sökrutan saknar etikett." in page.locator("main").inner_text()
        assert_accessible(page)
    finally:
        context.close()
    assert [e for e in errors if "status of 429" not in e] == []
    assert AccessibilityRequest.objects.count() == 0


def test_keyboard_only_report_from_the_footer_of_the_about_page(live_server, page, settings):
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 0
    page.goto(live_server.url + reverse("portal:about"))

    tab_to(page, "Påtala bristande tillgänglighet")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(BARRIER)))

    # The page field is pre-filled with where the person came from.
    tab_to(page, "/om-medborgarloften/")
    assert page.evaluate("document.activeElement.id") == "id_page_url"

    # Send once without a description: the error summary takes focus, its link leads
    # back to the field.
    tab_to(page, "Skicka rapporten")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "error-summary" in focused_class(page)
    tab_to(page, "Beskriv problemet")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_message"
    page.keyboard.type("Länken i sidfoten är svår att se när den har fokus.")

    for field_id, text in [
        ("id_assistive_technology", "Förstoring 200 %"),
        ("id_browser", "Firefox på dator"),
        ("id_contact_name", "Alva"),
        ("id_contact_email", "alva@example.se"),
    ]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == field_id
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is skipped: next stop is the button
    assert page.evaluate("document.activeElement.innerText") == "Skicka rapporten"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile("/kvitto/"))
    saved = AccessibilityRequest.objects.get()
    assert page.locator("h1").inner_text() == "Tack, vi har tagit emot din rapport"
    assert saved.reference in page.locator("main").inner_text()
    assert saved.page_url == live_server.url + "/om-medborgarloften/"
    assert saved.message == "Länken i sidfoten är svår att se när den har fokus."
    assert saved.assistive_technology == "Förstoring 200 %"
    assert not saved.is_quarantined
    # Queued, not sent in the request; the cron command tells the editor and sends the
    # person a confirmation.
    assert mail.outbox == []
    call_command("send_pending_notifications", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["alva@example.se", "redaktor@example.se"]


def test_the_consent_box_keeps_a_full_target_size_beside_a_wrapping_label(live_server, open_page):
    page = open_page({"width": 320, "height": 700})
    page.goto(live_server.url + BARRIER)
    box = page.get_by_role("checkbox").first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
