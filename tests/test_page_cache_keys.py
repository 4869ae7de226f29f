"""The page cache keys only on what a page reads, and absolute addresses come from
SITE_URL: a query string or a Host header chosen by one client never reaches the
others through the cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.versions import version_key

pytestmark = pytest.mark.django_db

SITE = "https://medborgarloften.example.se"


@pytest.fixture
def site(settings, seed_content):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]  # a lenient host check, as behind some proxies


def test_an_ignored_query_string_shares_the_cached_page(client, site, django_assert_num_queries):
    url = reverse("portal:municipality", kwargs={"slug": "sollentuna"})
    first = client.get(url + "?utm_source=x1", HTTP_HOST="evil.example")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url + "?utm_source=x2")
    assert again.content == first.content
    body = again.content.decode()
    assert f'<link rel="canonical" href="{SITE}{url}">' in body
    assert f'<meta property="og:url" content="{SITE}{url}">' in body
    assert "evil.example" not in body and "utm_source" not in body


def test_the_sitemap_names_the_site_url_whatever_the_host(client, site):
    body = client.get("/sitemap.xml", HTTP_HOST="evil.example").content.decode()
    assert f"<loc>{SITE}/kommuner/sollentuna/</loc>" in body
    assert "evil.example" not in body
    # The sitemap's page number is read, so it is part of the key.
    assert client.get("/sitemap.xml?p=2").status_code == 404


def test_a_place_that_does_not_exist_leaves_no_version_behind(client, site):
    """Versions are created only for pages that render: addresses made up by a client
    cannot fill the shared cache with keys that never expire (portal/versions.py)."""
    for n in range(3):
        assert client.get(f"/kommuner/finns-inte-{n}/").status_code == 404
        assert client.get(f"/lan/finns-inte-{n}/flode.atom").status_code == 404
    assert client.get("/kommuner/sollentuna/").status_code == 200
    made_up = [
        version_key(f"{kind}:finns-inte-{n}") for kind in ("kommun", "lan") for n in range(3)
    ]
    assert cache.get_many(made_up) == {}
    assert cache.get(version_key("kommun:sollentuna")) is not None


def test_a_parameter_sent_empty_is_not_the_page_without_it(client, site):
    # "Visa kommunens filer" pressed without a choice sends ?kommun= and must get the
    # error message, not the cached page without the parameter.
    url = reverse("opendata:index")
    assert "Välj en kommun." not in client.get(url).content.decode()
    assert "Välj en kommun." in client.get(url, {"kommun": ""}).content.decode()
