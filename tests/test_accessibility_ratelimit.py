"""The flood limit: accepted submissions per hour from one address, in the shared
cache, failing open when the cache is down."""

import pytest
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accessibility import ratelimit
from accessibility.models import AccessibilityRequest
from core.net import client_ip

from .test_accessibility_forms import barrier_data

pytestmark = pytest.mark.django_db

URL = reverse("accessibility:report-barrier")


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """All submissions of a test fall in the same hour, even at hh:59:59."""
    monkeypatch.setattr(ratelimit, "_window", lambda now=None: 493_000)


class BrokenCache(BaseCache):
    """A cache server that does not answer."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache down")

    add = get = set = incr = delete = touch = clear = has_key = _fail


def send(client, n, django_capture_on_commit_callbacks, ip="192.0.2.10", **overrides):
    """Send `n` distinct valid reports from `ip`; returns the last response."""
    response = None
    for i in range(n):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                URL, barrier_data(message=f"Problem nummer {i}", **overrides), REMOTE_ADDR=ip
            )
    return response


def test_eleventh_accepted_submission_in_an_hour_gets_a_friendly_429(
    client, django_capture_on_commit_callbacks
):
    assert send(client, 10, django_capture_on_commit_callbacks).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, barrier_data(message="Det elfte problemet"), REMOTE_ADDR="192.0.2.10"
        )
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    body = response.content.decode()
    assert "<h1>Du har skickat många meddelanden på kort tid</h1>" in body
    assert "Det elfte problemet" in body  # the text is shown back, not lost
    assert "tillganglighet@medborgarloften.example.se" in body
    assert AccessibilityRequest.objects.count() == 10

    # Another address is not affected.
    assert send(client, 1, django_capture_on_commit_callbacks, ip="192.0.2.99").status_code == 302


def test_correcting_errors_is_never_counted(client, django_capture_on_commit_callbacks, settings):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 2
    for _ in range(20):
        response = client.post(URL, barrier_data(message=""), REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 200 and "Beskriv problemet" in response.content.decode()
    assert send(client, 2, django_capture_on_commit_callbacks).status_code == 302
    assert send(client, 1, django_capture_on_commit_callbacks).status_code == 429


def test_a_limited_person_still_sees_their_errors_first(
    client, django_capture_on_commit_callbacks, settings
):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 0
    response = client.post(URL, barrier_data(message=""), REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 200 and "Det finns ett problem" in response.content.decode()


def test_honeypot_submissions_are_quarantined_and_counted(
    client, django_capture_on_commit_callbacks, settings
):
    # They are stored (in quarantine), so a flood of them meets the same limit.
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 1
    send(client, 1, django_capture_on_commit_callbacks, lamna_tomt="spam")
    assert send(client, 1, django_capture_on_commit_callbacks).status_code == 429


@pytest.mark.parametrize(
    "cache",
    [
        {"BACKEND": "tests.test_accessibility_ratelimit.BrokenCache"},
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    ],
    ids=["broken-backend", "redis-on-a-closed-port"],
)
def test_forms_still_work_when_the_cache_is_down(
    client, django_capture_on_commit_callbacks, settings, cache
):
    settings.CACHES = {"default": cache}
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 1
    assert send(client, 3, django_capture_on_commit_callbacks).status_code == 302
    assert AccessibilityRequest.objects.count() == 3


def test_count_lives_in_the_shared_cache_without_the_address(
    client, django_capture_on_commit_callbacks, settings
):
    """The database cache (the default without Redis) is what every gunicorn process and
    every server sees; the count is stored there under a hash, never the IP address."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "a11y_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 2
    send(client, 2, django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM a11y_test_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("a11y-rl:" in key for key in keys)
    assert not any("192.0.2.10" in key for key in keys)
    assert ratelimit.is_limited("192.0.2.10")
    assert send(client, 1, django_capture_on_commit_callbacks).status_code == 429


def test_client_ip_is_the_remote_address(rf):
    """Without a trusted proxy a forged X-Forwarded-For cannot dodge the flood limit."""
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.5"


def test_retry_after_is_the_rest_of_the_hour():
    assert ratelimit.retry_after_seconds(now=5 * 3600 + 600) == 3000
    assert ratelimit.retry_after_seconds(now=5 * 3600) == 3600
