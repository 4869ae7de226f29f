"""A change saved while the cache cannot be reached is visible on the first request
after the cache returns (portal/caching.py: pending invalidations in the database)."""

import pytest
from django.core.cache import cache

from core.publishing import PublicationStatus
from portal.models import PendingInvalidation
from portal.scopes import GLOBAL
from portal.versions import version_key
from promises.models import PromisePeriod
from tests.helpers import period_url

pytestmark = pytest.mark.django_db

LOCMEM = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
BROKEN = {"default": {"BACKEND": "tests.test_accessibility_ratelimit.BrokenCache"}}


def test_an_unpublish_during_a_cache_outage_is_honoured_when_the_cache_returns(
    client, settings, seed_content, django_capture_on_commit_callbacks
):
    page = client.get("/kommuner/sollentuna/").content.decode()
    assert "Medborgarlöfte 2023–2024" in page
    assert cache.get(version_key(GLOBAL)), "the page is cached"

    settings.CACHES = BROKEN
    period = PromisePeriod.objects.get(municipality__slug="sollentuna")
    period.status = PublicationStatus.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        period.save()
    assert PendingInvalidation.objects.exists()
    # While the cache is down the page is rendered from the database.
    assert "Medborgarlöfte 2023–2024" not in client.get("/kommuner/sollentuna/").content.decode()

    settings.CACHES = LOCMEM  # back, still holding the page rendered before the change
    page = client.get("/kommuner/sollentuna/").content.decode()
    assert "Medborgarlöfte 2023–2024" not in page
    assert client.get(period_url("sollentuna", period.slug)).status_code == 404
    assert not PendingInvalidation.objects.exists()
