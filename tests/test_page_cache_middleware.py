"""A cached public page is answered before sessions, authentication, CSRF and the rest of
the middleware run (portal/page_cache.py), with exactly the headers a render gets, and
revalidation gets 304 — for a logged-in coordinator as for anyone."""

import re

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse

from tests.accessibility_helpers import barrier_data
from tests.admin_helpers import make_superuser

pytestmark = pytest.mark.django_db

FORM_URL = reverse("accessibility:report-barrier")


@pytest.fixture
def https(settings):
    """Production's security settings, so HSTS and the rest are among the compared headers."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


class CountingCache(LocMemCache):
    """Django's memory cache, noting each call a page makes (one call: one round trip)."""

    calls = []

    def get_many(self, keys, version=None):
        self.calls.append("get_many")
        found = {key: LocMemCache.get(self, key, self, version) for key in keys}
        return {key: value for key, value in found.items() if value is not self}

    def get(self, *args, **kwargs):
        self.calls.append("get")
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self.calls.append("set")
        return super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        self.calls.append("add")
        return super().add(*args, **kwargs)


@pytest.fixture
def counted(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.CountingCache", "LOCATION": "n"}}
    CountingCache.calls = []
    return CountingCache.calls


def page(corner):
    return reverse("portal:municipality", kwargs={"slug": corner.municipality.slug})


def coordinator_client():
    coordinator = Client()
    coordinator.force_login(make_superuser())
    return coordinator


def test_a_hit_is_answered_before_sessions_and_authentication_with_the_headers_of_a_miss(
    corner, https, counted, django_assert_num_queries
):
    url = page(corner)
    miss = Client().get(url, secure=True)
    assert miss.status_code == 200
    # A logged-in coordinator gets the very page anyone gets: no database work (not even
    # their session), no cookie renewed, one round trip to the cache, and every header
    # the render had.
    coordinator = coordinator_client()
    counted.clear()
    with django_assert_num_queries(0):
        hit = coordinator.get(url, secure=True)
        head = coordinator.head(url, secure=True)
    assert counted == ["get_many", "get_many"]
    assert hit.content == miss.content and head.content == b""
    # The full set, nothing left out: no header of these responses is per response
    # (Date is the server's, not Django's).
    assert dict(hit.headers) == dict(miss.headers) == dict(head.headers)
    for name in (
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Content-Type",
        "ETag",
        "Last-Modified",
        "Cache-Control",
    ):
        assert hit[name], name
    assert "Vary" not in hit, "the page does not depend on cookies, and says so"
    assert not hit.cookies and not head.cookies
    seen = hit.wsgi_request
    assert not hasattr(seen, "session") and not hasattr(seen, "user")
    assert "CSRF_COOKIE" not in seen.META


def test_revalidating_a_cached_page_gets_304_with_its_validators(corner, django_assert_num_queries):
    url = page(corner)
    first = Client().get(url)
    coordinator = coordinator_client()
    with django_assert_num_queries(0):
        by_etag = coordinator.get(url, headers={"If-None-Match": first["ETag"]})
        by_date = coordinator.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    for not_modified in (by_etag, by_date):
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == first["ETag"]
        assert not_modified["Last-Modified"] == first["Last-Modified"]
        assert not_modified["Cache-Control"] == first["Cache-Control"]
        assert not not_modified.cookies


def test_a_coordinators_own_render_is_private_to_them_and_never_stored(
    corner, django_assert_num_queries
):
    url = page(corner)
    coordinator = coordinator_client()
    theirs = coordinator.get(url)
    # Their render renewed their session cookie: it may never be kept by a shared cache
    # or served to anyone else.
    assert theirs.status_code == 200 and theirs.cookies
    assert "public" not in theirs["Cache-Control"] and "private" in theirs["Cache-Control"]
    assert "ETag" not in theirs
    anyone = Client()
    rendered = anyone.get(url)
    assert "public" in rendered["Cache-Control"] and not rendered.cookies
    with django_assert_num_queries(0):
        assert anyone.get(url).content == rendered.content


def test_a_visitor_with_cookies_from_a_form_gets_the_shared_page_and_its_form_works(
    corner, settings, django_assert_num_queries
):
    settings.ACCESSIBILITY_MIN_FILL_SECONDS = 0
    url = page(corner)
    assert "Vary" not in Client().get(url), "the page says it is the same for every cookie"
    # A visitor sends a report through a form (not cached: CSRF cookie and token) …
    visitor = Client(enforce_csrf_checks=True)
    form = visitor.get(FORM_URL)
    assert "csrftoken" in form.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    sent = visitor.post(FORM_URL, barrier_data(csrfmiddlewaretoken=token.group(1)))
    assert sent.status_code == 302, sent.content.decode()[:1000]
    # … and, cookies and all, gets the cached page, whose own form (following the
    # municipality, exempt from CSRF: no token in the page) works.
    with django_assert_num_queries(0):
        hit = visitor.get(url)
    assert "Vary" not in hit and not hit.cookies
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', hit.text))
    followed = visitor.post(reverse("alerts:subscribe"), {**fields, "email": "alva@example.se"})
    assert followed.status_code == 302 and followed["Location"] == reverse("alerts:subscribed")
    # The Host is still checked before a cached page is given out.
    assert visitor.get(url, HTTP_HOST="evil.example").status_code == 400
