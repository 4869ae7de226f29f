"""Every error a person can meet is a Swedish page in the site's layout, with the
accessibility footer; methods a page does not serve get 405, HEAD works where GET does,
and a public form that fails its CSRF check gives the text back."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accessibility_helpers import barrier_data
from tests.admin_helpers import admin_url
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

FOOTER = "Tillgänglighetsredogörelse"
FORM_URL = reverse("accessibility:report-barrier")


def in_layout(response, heading):
    text = text_of(response)
    assert heading in text and FOOTER in text and "Hoppa till huvudinnehållet" in text, text
    return text


def test_a_host_the_site_does_not_serve_gets_a_swedish_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    in_layout(response, "Felaktig förfrågan")
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize("url", ["/", "/om-medborgarloften/", "/sok/?q=trygghet"])
def test_writing_to_a_page_that_only_reads_gets_a_swedish_405(method, url, seed_content):
    response = getattr(Client(enforce_csrf_checks=True), method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    in_layout(response, "Det går inte att göra så här")


def test_trace_is_refused_and_never_echoes_the_page(client, seed_content):
    response = client.generic("TRACE", "/")
    assert response.status_code == 405
    assert "Sök bland medborgarlöften" not in response.content.decode()
    in_layout(response, "Det går inte att göra så här")


@pytest.mark.parametrize(
    "url",
    [FORM_URL, reverse("accessibility:alternative-format"), reverse("accessibility:statement")],
)
def test_head_works_where_get_does(client, url):
    assert client.head(url).status_code == client.get(url).status_code == 200


def test_a_form_whose_csrf_check_fails_gives_the_text_back(db):
    browser_without_cookies = Client(enforce_csrf_checks=True)
    data = barrier_data(csrfmiddlewaretoken="x" * 32)
    response = browser_without_cookies.post(FORM_URL, data)
    assert response.status_code == 403
    text = in_layout(response, "Du har inte behörighet")
    assert "blockerar kakor" in text
    assert data["message"] in text and data["contact_email"] in text
    assert "x" * 32 not in response.content.decode()


def test_the_admins_403_is_swedish_in_the_layout(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get(admin_url("auth", "user", "changelist"))
    assert response.status_code == 403
    in_layout(response, "Du har inte behörighet")
