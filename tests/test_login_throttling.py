"""Password guessing in the admin is throttled per username and address, for a while."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from core.net import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-för-test"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "r@example.se", PASSWORD)


def attempt(client, password, ip="198.51.100.7", username="redaktor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert "<title>Fel: Logga in" in attempt(client, "fel").content.decode()
    locked = attempt(client, "fel")
    assert locked.status_code == 429
    assert "För många inloggningsförsök" in locked.content.decode()
    assert "Vänta 15 minuter" in locked.content.decode()
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_username_and_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "fel")
    # A colleague behind the same municipal address still gets in …
    get_user_model().objects.create_superuser("kollega", "k@example.se", PASSWORD)
    other_user = attempt(client, PASSWORD, username="kollega")
    assert other_user.status_code == 302
    # … and so does the locked user from another address.
    client.logout()
    elsewhere = attempt(client, PASSWORD, ip="203.0.113.9")
    assert elsewhere.status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "fel")
    assert attempt(client, PASSWORD).status_code == 429
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(tz=datetime.UTC) - settings.AXES_COOLOFF_TIME * 2
    )
    assert attempt(client, PASSWORD).status_code == 302


def test_client_address_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.PROXY_COUNT = 1  # the proxy appended the real client; the left entry is forged
    assert client_ip(request) == "198.51.100.7"


def test_a_forged_forwarded_for_from_a_direct_connection_is_ignored(settings):
    """gunicorn reachable directly (bound to 0.0.0.0): a client sending its own
    X-Forwarded-For per attempt must not get a fresh address each time."""
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.2", "192.168.10.0/24"]
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == "203.0.113.50"
    for proxy in ("10.0.0.2", "192.168.10.7"):
        proxied = RequestFactory().get("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_ip(proxied) == "1.2.3.4"


def test_spoofed_forwarded_for_does_not_bypass_the_login_lock(client, editor, settings):
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(
            LOGIN,
            {"username": editor.username, "password": "fel"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.50",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429
