"""The server side of the admin's accessibility (issue 16): the session-extending
endpoint, native date inputs that the server reads, and the error summary's links."""

import pytest
from django.test import Client
from django.urls import reverse

from core.admin_a11y import ISO_DATE_HINT

from .admin_helpers import admin_url, make_corner

pytestmark = pytest.mark.django_db

EXTEND = reverse("admin-extend-session")


def test_extending_needs_a_login_and_a_csrf_token(settings):
    corner = make_corner("Alfa")
    assert Client().post(EXTEND, HTTP_ACCEPT="application/json").status_code == 401
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(corner.coordinator)
    assert strict.post(EXTEND, HTTP_ACCEPT="application/json").status_code == 403
    assert Client().get(EXTEND).status_code == 405


def test_extending_renews_the_idle_limit_but_not_the_absolute_one(client, settings):
    settings.SESSION_COOKIE_AGE = 600
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    corner = make_corner("Alfa")
    client.force_login(corner.coordinator)
    client.get(reverse("admin:index"))  # starts the absolute clock
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    data = response.json()
    assert data["idle_seconds"] == 600
    assert 3590 <= data["absolute_seconds"] <= 3600
    assert response.cookies["sessionid"]["max-age"] == 600


def test_without_javascript_the_button_returns_to_the_page(client):
    corner = make_corner("Alfa")
    client.force_login(corner.coordinator)
    page = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    assert client.post(EXTEND, {"next": page})["Location"] == page
    assert client.post(EXTEND, {"next": "https://evil.example/"})["Location"] == "/admin/"


def test_dates_are_native_inputs_and_iso_dates_are_saved(client):
    corner = make_corner("Alfa")
    client.force_login(corner.coordinator)
    html = client.get(admin_url("promises", "promiseperiod", "change", corner.period.pk))
    body = html.content.decode()
    assert 'type="date" name="starts_on"' in body
    assert ISO_DATE_HINT in body
    assert "DateTimeShortcuts.js" not in body and "calendar.js" not in body
