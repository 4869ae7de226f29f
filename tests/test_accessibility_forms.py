"""The two request forms: what a person sees with valid, empty, invalid, hostile,
oversized and bot input, what is stored, and the receipt."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accessibility import services
from accessibility.models import (
    AccessibilityRequest,
    Notification,
    RequestKind,
    WantedFormat,
)
from tests.accessibility_helpers import (
    barrier_data,
    error_summary_links,
    format_data,
    html,
    post,
    started_long_ago,
)

pytestmark = pytest.mark.django_db

BARRIER_URL = reverse("accessibility:report-barrier")
FORMAT_URL = reverse("accessibility:alternative-format")
HOSTILE = "<script>alert('x')</script>'; DROP TABLE accessibility_accessibilityrequest; --"


# --- Showing the forms ----------------------------------------------------------------


def test_barrier_form_prefills_the_page_the_visitor_came_from(client):
    response = client.get(BARRIER_URL, {"sida": "/om-medborgarloften/"})
    body = html(response)
    assert 'value="http://testserver/om-medborgarloften/"' in body
    assert "<h1>Påtala bristande tillgänglighet</h1>" in body
    assert "novalidate" in body
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    "sida",
    [
        "https://evil.example/phish/",
        "//evil.example/phish/",
        "javascript:alert(1)",
        "/\\evil.example",
        "relativ/sida",
        "/" + "x" * 600,
    ],
)
def test_prefill_ignores_anything_but_a_local_address(client, sida):
    response = client.get(BARRIER_URL, {"sida": sida})
    body = html(response)
    field = re.search(r'<input type="text" name="page_url"[^>]*>', body).group(0)
    assert "value=" not in field
    assert "evil" not in field


def test_prefill_accepts_a_same_site_url(client):
    response = client.get(BARRIER_URL, {"sida": "http://testserver/sok/?q=x"})
    assert 'value="http://testserver/sok/"' in html(response)


def test_forms_mark_optional_fields_and_tie_hints_to_fields(client):
    body = html(client.get(BARRIER_URL))
    assert "Ditt namn (frivilligt)" in body
    assert "E-postadress (frivilligt)" in body
    assert "Vilket hjälpmedel använde du? (frivilligt)" in body
    assert "Fyll i om du vill ha svar. Utan e-postadress kan vi inte svara dig." in body
    assert 'aria-describedby="id_message_helptext"' in body
    assert 'autocomplete="name"' in body and 'autocomplete="email"' in body
    assert "maxlength" not in body  # a browser limit would cut pasted text silently
    assert "disabled" not in body
    # The honeypot is out of sight, out of the tab order and hidden from screen readers.
    # Its name is none that a password manager or address autofill recognises.
    assert re.search(r'<div class="hp" aria-hidden="true">\s*<label for="id_lamna_tomt">', body)
    honeypot = re.search(r'<input type="text" name="lamna_tomt"[^>]*>', body).group(0)
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_format_form_says_how_long_data_is_kept_and_requires_email(client, settings):
    settings.ACCESSIBILITY_PURGE_AFTER_DAYS = 45
    body = html(client.get(FORMAT_URL))
    assert "raderas 45 dagar efter att ärendet har avslutats" in body
    assert "E-postadress (frivilligt)" not in body
    for label in ("Lättläst svenska", "Uppläst (ljudfil)", "Punktskrift", "Stor stil"):
        assert label in body
    assert '<fieldset role="radiogroup"' in body and "<legend>Vilket format vill du ha?" in body


# --- Valid submissions ------------------------------------------------------------------


def test_valid_barrier_report_is_stored_mailed_and_answered_with_a_receipt(
    client, django_capture_on_commit_callbacks, settings
):
    settings.ACCESSIBILITY_EDITOR_EMAILS = ["redaktor@example.se"]
    response = post(client, BARRIER_URL, barrier_data(), django_capture_on_commit_callbacks)

    saved = AccessibilityRequest.objects.get()
    assert saved.kind == RequestKind.BARRIER
    assert saved.message == "Länken till källan går inte att nå med tangentbordet."
    assert saved.contact_email == "alva@example.se" and saved.consent_given
    assert saved.assistive_technology == "NVDA" and not saved.is_quarantined
    assert re.fullmatch(r"TG-[2-9A-HJKMNP-Z]{6}", saved.reference)

    assert response.status_code == 302
    receipt = client.get(response["Location"])
    body = html(receipt)
    assert "Tack, vi har tagit emot din rapport" in body
    assert saved.reference in body
    assert "senast den" in body
    # The receipt shows nothing the person wrote about themselves.
    assert "alva@example.se" not in body and "Alva" not in body

    editor, confirmation = sorted(mail.outbox, key=lambda m: m.to != ["redaktor@example.se"])
    assert saved.reference in editor.subject and "NVDA" in editor.body
    assert confirmation.to == ["alva@example.se"]
    assert saved.reference in confirmation.body
    assert Notification.objects.filter(state="sent").count() == 2


def test_valid_format_request_stores_the_wanted_format(client, django_capture_on_commit_callbacks):
    data = format_data(wanted_format=WantedFormat.OTHER, wanted_format_other="Daisy-bok")
    response = post(client, FORMAT_URL, data, django_capture_on_commit_callbacks)
    saved = AccessibilityRequest.objects.get()
    assert saved.kind == RequestKind.ALTERNATIVE_FORMAT
    assert saved.wanted_format_display == "Annat format: Daisy-bok"
    assert "Tack, vi har tagit emot din begäran" in html(client.get(response["Location"]))


def test_barrier_report_without_email_gets_no_confirmation(
    client, django_capture_on_commit_callbacks
):
    data = barrier_data(contact_email="", contact_name="")
    post(client, BARRIER_URL, data, django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == [
        f"Ny rapport om bristande tillgänglighet: {AccessibilityRequest.objects.get().reference}"
    ]
    assert "kan inte få svar" in mail.outbox[0].body


def test_the_same_form_sent_twice_is_stored_once(client, django_capture_on_commit_callbacks):
    data = barrier_data()
    first = post(client, BARRIER_URL, data, django_capture_on_commit_callbacks)
    second = post(client, BARRIER_URL, data, django_capture_on_commit_callbacks)
    assert AccessibilityRequest.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 2  # one to the editor, one confirmation: no duplicates


def test_a_reference_already_taken_is_drawn_again(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    post(client, BARRIER_URL, barrier_data(), django_capture_on_commit_callbacks)
    taken = AccessibilityRequest.objects.get().reference
    references = iter([taken, "TG-NEW222"])
    monkeypatch.setattr(services, "new_reference", lambda: next(references))
    data = barrier_data(message="Sökrutan saknar etikett.")
    response = post(client, BARRIER_URL, data, django_capture_on_commit_callbacks)
    assert "TG-NEW222" in html(client.get(response["Location"]))
    assert AccessibilityRequest.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [barrier_data(), barrier_data(lamna_tomt="http://spam.example"), {}],
    ids=["stored", "honeypot", "errors"],
)
def test_each_post_reads_the_statement_once(client, data):
    """The answer time on the form, the receipt and the due date come from one read."""
    with CaptureQueriesContext(connection) as queries:
        client.post(BARRIER_URL, data)
    statement_reads = [q for q in queries if "accessibility_accessibilitystatement" in q["sql"]]
    assert len(statement_reads) == 1


# --- Errors ------------------------------------------------------------------------------


def test_empty_barrier_form_explains_every_error_and_stores_nothing(client):
    response = client.post(BARRIER_URL, {"started": started_long_ago()})
    body = html(response)
    assert response.status_code == 200
    assert re.search(r"<title>Fel: Påtala bristande tillgänglighet", body)
    assert "<h2>Det finns ett problem</h2>" in body
    assert "Formuläret har 3 fel." in body
    assert error_summary_links(response) == [
        ("id_page_url", "Skriv vilken sida det gäller"),
        ("id_message", "Beskriv problemet"),
        ("id_consent", "Kryssa i rutan om du godkänner att vi sparar uppgifterna"),
    ]
    assert re.search(r'class="error-summary" tabindex="-1" autofocus', body)
    # Inline messages repeat the summary, start with a visible "Fel:" (not colour alone),
    # and are tied to the field, which is marked invalid.
    assert (
        '<p class="error-message" id="id_message_error"><span class="error-message__prefix">'
        "Fel:</span> Beskriv problemet</p>" in body
    )
    textarea = re.search(r"<textarea[^>]*>", body).group(0)
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_message_helptext id_message_error"' in textarea
    assert AccessibilityRequest.objects.count() == 0
    assert mail.outbox == []


def test_invalid_email_keeps_everything_typed(client):
    data = barrier_data(contact_email="alva(at)example")
    response = client.post(BARRIER_URL, data)
    body = html(response)
    assert error_summary_links(response) == [
        ("id_contact_email", "Skriv e-postadressen i rätt format, till exempel namn@exempel.se")
    ]
    assert "Formuläret har 1 fel. Rätta det och skicka igen." in body
    assert 'value="alva(at)example"' in body
    assert "Länken till källan går inte att nå med tangentbordet.</textarea>" in body
    assert 'value="Alva Andersson"' in body and 'value="NVDA"' in body
    assert re.search(r'name="consent"[^>]*checked', body)
    assert AccessibilityRequest.objects.count() == 0


def test_format_form_requires_email_format_and_other_text(client):
    data = format_data(contact_email="", wanted_format=WantedFormat.OTHER)
    response = client.post(FORMAT_URL, data)
    assert error_summary_links(response) == [
        ("id_wanted_format_other", "Skriv vilket format du vill ha"),
        ("id_contact_email", "Skriv din e-postadress"),
    ]
    response = client.post(FORMAT_URL, format_data(wanted_format=""))
    assert error_summary_links(response) == [
        ("id_wanted_format_0", "Välj vilket format du vill ha")
    ]
    body = html(response)
    fieldset = re.search(r"<fieldset[^>]*>", body).group(0)
    assert 'role="radiogroup"' in fieldset and 'aria-invalid="true"' in fieldset
    assert 'aria-describedby="id_wanted_format_error"' in fieldset
    response = client.post(FORMAT_URL, format_data(wanted_format="morse"))
    assert error_summary_links(response) == [
        ("id_wanted_format_0", "Välj vilket format du vill ha")
    ]


def test_oversized_text_gets_a_message_naming_the_limit(client):
    data = barrier_data(message="å" * 5123, contact_name="N" * 201)
    response = client.post(BARRIER_URL, data)
    assert error_summary_links(response) == [
        (
            "id_message",
            "Beskrivningen får vara högst 5\u00a0000 tecken. Du har skrivit 5\u00a0123.",
        ),
        ("id_contact_name", "Namnet får vara högst 200 tecken. Du har skrivit 201."),
    ]
    assert "å" * 5123 in html(response)  # nothing typed is cut off
    assert AccessibilityRequest.objects.count() == 0


def test_line_breaks_count_once_as_people_see_them(client, django_capture_on_commit_callbacks):
    message = "rad\r\n" * 1250  # 5 000 characters as seen, 6 250 as sent by a browser
    response = post(
        client, BARRIER_URL, barrier_data(message=message), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert AccessibilityRequest.objects.get().message == ("rad\n" * 1250).strip()


def test_hostile_text_is_stored_as_written_and_shown_escaped(
    client, django_capture_on_commit_callbacks
):
    response = client.post(BARRIER_URL, barrier_data(message=HOSTILE, contact_email="x"))
    body = html(response)
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body

    post(
        client,
        BARRIER_URL,
        barrier_data(message=HOSTILE, page_url=HOSTILE),
        django_capture_on_commit_callbacks,
    )
    saved = AccessibilityRequest.objects.get()
    assert saved.message == HOSTILE and saved.page_url == HOSTILE
    assert HOSTILE in mail.outbox[0].body  # plain text: shown as written, never run


def test_csrf_is_enforced(django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    response = post(client, BARRIER_URL, barrier_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert AccessibilityRequest.objects.count() == 0
