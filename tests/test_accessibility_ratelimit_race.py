"""The flood limit under concurrency (real Redis, database 10), and the 429 page giving
back every field the person typed."""

import threading

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from accessibility import ratelimit
from tests.accessibility_helpers import format_data, html

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/10"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """All submissions of a test fall in the same hour, even at hh:59:59."""
    monkeypatch.setattr(ratelimit, "_window", lambda now=None: 493_000)


@pytest.fixture
def shared_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "ratelimit-race",
        },
    }
    yield
    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter("ratelimit-race:*"):
        client.delete(key)


def test_forty_concurrent_submissions_get_exactly_the_limit(shared_redis, settings):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 10
    start = threading.Barrier(40)
    accepted = []

    def submit():
        start.wait()
        accepted.append(ratelimit.take("198.51.100.40"))

    threads = [threading.Thread(target=submit) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert accepted.count(True) == 10
    assert ratelimit.is_limited("198.51.100.40")
    assert cache.get(ratelimit._key("198.51.100.40")) == 40


def test_a_submission_not_stored_does_not_count(shared_redis, settings):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 1
    assert ratelimit.take("198.51.100.41")
    ratelimit.give_back("198.51.100.41")
    assert ratelimit.take("198.51.100.41")
    assert not ratelimit.take("198.51.100.41")


def test_the_429_page_gives_back_every_field_typed(client, settings):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 0
    data = format_data(
        page_url="/kommuner/jarfalla/",
        message="Löftena för Järfälla som ljudfil.",
        wanted_format="annat",
        wanted_format_other="Daisy-bok",
        contact_name="Åsa Öberg",
        contact_email="asa@example.se",
    )
    response = client.post(reverse("accessibility:alternative-format"), data)
    assert response.status_code == 429
    body = html(response)
    for shown in (
        "/kommuner/jarfalla/",
        "Löftena för Järfälla som ljudfil.",
        "Annat format",
        "Daisy-bok",
        "Åsa Öberg",
        "asa@example.se",
    ):
        assert shown in body, shown
    assert data["started"] not in body
