"""The request forms against bots, the receipt's address, and the markup's ids."""

import datetime
import re
import time
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from accessibility import tokens
from accessibility.models import (
    AccessibilityRequest,
    Notification,
)
from tests.accessibility_helpers import (
    barrier_data,
    html,
    post,
    started_long_ago,
)

pytestmark = pytest.mark.django_db

BARRIER_URL = reverse("accessibility:report-barrier")
FORMAT_URL = reverse("accessibility:alternative-format")
HOSTILE = "<script>alert('x')</script>'; DROP TABLE accessibility_accessibilityrequest; --"


# --- Bots --------------------------------------------------------------------------------


def test_filled_honeypot_gets_a_normal_receipt_and_is_kept_in_quarantine(
    client, django_capture_on_commit_callbacks
):
    response = post(
        client,
        BARRIER_URL,
        barrier_data(lamna_tomt="http://spam.example"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    receipt = html(client.get(response["Location"]))
    assert "Tack, vi har tagit emot din rapport" in receipt
    assert re.search(r'class="reference">TG-[2-9A-Z]{6}<', receipt)
    # An autofill may have filled it for a person: kept for an editor, not e-mailed.
    stored = AccessibilityRequest.objects.get()
    assert stored.is_quarantined
    assert "dolda fältet var ifyllt" in stored.quarantine_reason
    assert stored.reference in receipt
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "started, reason",
    [
        (lambda: tokens.form_started_token(), "sekunder efter att formuläret visades"),
        (lambda: "", "tidsstämpel saknas eller är ogiltig"),
        (lambda: started_long_ago()[:-3] + "abc", "tidsstämpel saknas eller är ogiltig"),
    ],
    ids=["too-fast", "missing", "tampered"],
)
def test_suspicious_submission_is_quarantined_not_dropped(
    client, django_capture_on_commit_callbacks, started, reason
):
    response = post(
        client, BARRIER_URL, barrier_data(started=started()), django_capture_on_commit_callbacks
    )
    assert "Tack, vi har tagit emot din rapport" in html(client.get(response["Location"]))
    saved = AccessibilityRequest.objects.get()
    assert saved.is_quarantined
    assert reason in saved.quarantine_reason
    assert mail.outbox == []  # no editor mail, and no mail to an address a bot typed
    assert Notification.objects.count() == 0


def test_min_fill_time_is_never_more_than_five_seconds(settings):
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 60
    assert tokens.min_fill_seconds() == 5
    assert tokens.quarantine_reason(tokens.form_started_token(at=time.time() - 6)) == ""


# --- Receipt -----------------------------------------------------------------------------


def test_receipt_address_cannot_be_guessed_or_forged(client):
    assert client.get(reverse("accessibility:receipt", args=["TG-7K3M9Q"])).status_code == 404
    genuine = tokens.receipt_token(
        tokens.Receipt(reference="TG-7K3M9Q", kind="barrier", due_on=datetime.date(2026, 11, 30))
    )
    tampered = genuine[:-2] + "xx"
    assert client.get(reverse("accessibility:receipt", args=[tampered])).status_code == 404
    body = html(client.get(reverse("accessibility:receipt", args=[genuine])))
    assert "TG-7K3M9Q" in body and "30 november 2026" in body


# --- Markup ------------------------------------------------------------------------------


class _IdCollector(HTMLParser):
    """Every id on a page, and every id that labels, hints and links point to."""

    def __init__(self):
        super().__init__()
        self.ids, self.references = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            self.references += (attrs.get(name) or "").split()
        if tag == "label" and attrs.get("for"):
            self.references.append(attrs["for"])
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.references.append(attrs["href"][1:])


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", reverse("accessibility:statement"), None),
        ("get", BARRIER_URL, None),
        ("get", FORMAT_URL, None),
        ("post", BARRIER_URL, {"contact_email": "fel"}),
        ("post", FORMAT_URL, {"wanted_format": "annat", "contact_email": "fel"}),
    ],
)
def test_ids_are_unique_and_every_reference_points_to_one(client, method, url, data):
    """What the Nu Html Checker would say about ids; axe no longer checks duplicates."""
    parser = _IdCollector()
    parser.feed(html(getattr(client, method)(url, data)))
    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert duplicates == set()
    assert set(parser.references) - set(parser.ids) == set()
