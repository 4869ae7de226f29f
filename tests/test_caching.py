"""Public pages are cached whole, yet a change shows on the very next request."""

import pytest
from django.urls import reverse

from promises.models import PromisePeriod

from .admin_helpers import admin_url, form_data, make_superuser

pytestmark = pytest.mark.django_db

JARFALLA = "/kommuner/jarfalla/"


def test_a_cached_page_is_served_without_touching_the_database(
    seed_content, client, django_assert_num_queries
):
    first = client.get(JARFALLA)
    assert "Medborgarlöfte 2024" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get(JARFALLA)
    assert again.content == first.content


def test_an_edit_shows_on_the_next_request(seed_content, client):
    assert "Ny ingress" not in client.get(JARFALLA).content.decode()
    period = PromisePeriod.objects.get(municipality__slug="jarfalla", slug="2024")
    period.lead = "Ny ingress från samordnaren."
    period.save()
    assert "Ny ingress från samordnaren." in client.get(JARFALLA).content.decode()


def test_unpublishing_in_the_admin_removes_the_page_at_once(seed_content, client):
    period_url = "/kommuner/sollentuna/medborgarloften/2023-2024/"
    assert client.get(period_url).status_code == 200
    assert "Medborgarlöfte 2023–2024" in client.get("/kommuner/sollentuna/").content.decode()
    period = PromisePeriod.objects.get(municipality__slug="sollentuna")
    editor = client.__class__()
    editor.force_login(make_superuser())
    change = admin_url("promises", "promiseperiod", "change", period.pk)
    data = form_data(editor.get(change))
    data["status"] = "draft"
    response = editor.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(period_url).status_code == 404
    assert "Medborgarlöfte 2023–2024" not in client.get("/kommuner/sollentuna/").content.decode()


def test_browsers_revalidate_and_get_304(seed_content, client):
    first = client.get(JARFALLA)
    directives = {d.strip() for d in first["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "must-revalidate"}
    assert first["ETag"] and first["Last-Modified"]
    not_modified = client.get(JARFALLA, headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    PromisePeriod.objects.filter(municipality__slug="jarfalla").first().save()
    changed = client.get(JARFALLA, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_pages_are_served_when_the_cache_is_down(seed_content, client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(JARFALLA)
    assert response.status_code == 200
    assert "Medborgarlöfte 2024" in response.content.decode()
    assert "ETag" not in response


def test_not_found_pages_are_not_cached(seed_content, client):
    assert client.get("/kommuner/finns-inte/").status_code == 404
    period = PromisePeriod.objects.get(municipality__slug="sollentuna")
    period.slug = "ny-adress"
    period.save()
    assert client.get("/kommuner/sollentuna/medborgarloften/ny-adress/").status_code == 200


def test_search_is_cached_per_query_and_revalidates(seed_content, client):
    # Search pages are cached whole (issue 15), keyed on the words, filters and page.
    first = client.get(reverse("portal:search"), {"q": "krogtillsyn"})
    again = client.get(reverse("portal:search"), {"q": "krogtillsyn", "utm_source": "x"})
    other = client.get(reverse("portal:search"), {"q": "krogtillsyn", "sida": "2"})
    assert first["ETag"] == again["ETag"] != other["ETag"]
    revalidated = client.get(
        reverse("portal:search"), {"q": "krogtillsyn"}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert revalidated.status_code == 304
