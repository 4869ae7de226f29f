"""English at /en/… with every Swedish address as it was (issue 20 point 1): the language
comes from the path only, the Swedish-only addresses stay Swedish, the language links
lead to the same page, hreflang in every head and in the sitemap, and the settings for
the languages (DJANGO_LANGUAGES, the minority languages' data)."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from core.languages import languages_from
from tests.helpers import html_of, period_url, report_url

pytestmark = pytest.mark.django_db

SITE = "http://testserver-site.example"


def in_english(path):
    return "/en" + path


def pages():
    """One address of every public page shape, in Swedish."""
    return [
        reverse("portal:home"),
        reverse("portal:about"),
        reverse("portal:search") + "?q=krogtillsyn",
        reverse("portal:overview"),
        reverse("portal:county", kwargs={"slug": "jonkopings-lan"}),
        reverse("portal:police-area", kwargs={"slug": "sollentuna"}),
        reverse("portal:municipality", kwargs={"slug": "jonkoping"}),
        period_url("jonkoping", "2020"),
        period_url("jonkoping", "2020") + "skriv-ut/",
        report_url("jonkoping", "2018-2019", 2019, 1),
        reverse("accessibility:statement"),
        reverse("accessibility:report-barrier"),
        reverse("accessibility:alternative-format"),
        reverse("alerts:subscribe") + "?omrade=kommun/jonkoping",
        reverse("opendata:index"),
        reverse("opendata:municipality", kwargs={"code": "0680"}),
        reverse("opendata:api-docs"),
    ]


def head_links(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_swedish_addresses_are_what_they_were_and_english_ones_have_the_prefix():
    assert reverse("portal:municipality", kwargs={"slug": "jarfalla"}) == "/kommuner/jarfalla/"
    with translation.override("en"):
        assert reverse("portal:municipality", kwargs={"slug": "jarfalla"}) == (
            "/en/kommuner/jarfalla/"
        )
        # Feeds, files, the catalogue and the API stay where they are, in Swedish.
        assert (
            reverse("alerts:feed", kwargs={"slug": "jarfalla"}) == "/kommuner/jarfalla/flode.atom"
        )
        assert reverse("opendata:national-zip") == "/oppna-data/medborgarloften.zip"
        assert reverse("opendata:dcat") == "/datasets/dcat"
        assert reverse("admin:index") == "/admin/"


def test_every_page_in_both_languages_says_its_language_and_links_to_the_other(
    client, seed_content, settings
):
    settings.SITE_URL = SITE
    for swedish in pages():
        # A search keeps its words, the follow page its area (quoted as a query is).
        path = swedish.replace("kommun/", "kommun%2F")
        for address, language in ((swedish, "sv"), (in_english(swedish), "en")):
            response = client.get(address)
            assert response.status_code == 200, address
            assert response["Content-Language"] == language
            html = html_of(response)
            assert f'<html lang="{language}">' in html, address
            # hreflang for each language and x-default (the Swedish page) in the head.
            assert head_links(html) == {
                "sv": SITE + path,
                "en": SITE + in_english(path),
                "x-default": SITE + path,
            }, address


def test_the_language_links_lead_to_the_same_page_in_the_other_language(client, seed_content):
    url = period_url("jonkoping", "2020")
    html = html_of(client.get(url))
    nav = re.search(r'<nav class="language-nav" aria-label="Språk">(.*?)</nav>', html, re.S)
    assert '<span lang="sv" aria-current="true">Svenska</span>' in nav.group(1)
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en" rel="alternate">English</a>', html)
    assert link.group(1) == in_english(url)
    english = html_of(client.get(link.group(1)))
    assert '<nav class="language-nav" aria-label="Language">' in english
    assert '<span lang="en" aria-current="true">English</span>' in english
    back = re.search(
        r'<a href="([^"]+)" lang="sv" hreflang="sv" rel="alternate">Svenska</a>', english
    )
    assert back.group(1) == url
    assert "Medborgarlöfte 2020" in html_of(client.get(back.group(1)))


def test_a_search_keeps_its_words_in_the_other_language_but_no_stray_parameter(
    client, seed_content
):
    html = html_of(client.get(reverse("portal:search"), {"q": "krogtillsyn", "utm_source": "x"}))
    assert 'href="/en/sok/?q=krogtillsyn" lang="en"' in html
    assert "utm_source" not in html


def test_the_404_page_links_to_the_same_address_in_the_other_language(client, db):
    response = client.get("/en/kommuner/finns-inte/")
    assert response.status_code == 404
    html = html_of(response)
    assert '<html lang="en">' in html and "<h1>Page not found</h1>" in html
    assert 'href="/kommuner/finns-inte/" lang="sv"' in html


@pytest.mark.parametrize(
    "address",
    [
        "/en/flode.atom",
        "/en/kommuner/jonkoping/flode.atom",
        "/en/oppna-data/perioder.csv",
        "/en/oppna-data/medborgarloften.zip",
        "/en/datasets/dcat",
        "/en/api/v1/openapi.json",
        "/en/admin/",
        "/en/sitemap.xml",
    ],
)
def test_the_swedish_only_addresses_have_no_english_twin(client, seed_content, address):
    assert client.get(address).status_code == 404


def test_an_english_page_links_to_the_feed_where_it_is(client, seed_content):
    html = html_of(client.get("/en/kommuner/jonkoping/"))
    assert 'href="/kommuner/jonkoping/flode.atom"' in html
    assert "/en/kommuner/jonkoping/flode.atom" not in html


def test_the_language_never_comes_from_the_browser(client, seed_content):
    response = client.get(
        "/kommuner/jonkoping/", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=en"
    )
    assert response["Content-Language"] == "sv"
    assert "Vary" not in response


def test_finnish_is_off_by_default_and_one_setting_away(client, seed_content, settings):
    assert [code for code, _name in settings.LANGUAGES] == ["sv", "en"]
    assert client.get("/fi/kommuner/jonkoping/").status_code == 404
    settings.LANGUAGES = languages_from("sv,en,fi")
    response = client.get("/fi/kommuner/jonkoping/")
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="fi">' in html and "<h1>Kansalaislupaukset: Jönköping</h1>" in html
    assert 'lang="fi" hreflang="fi"' not in html  # the current one is no link
    assert 'href="/kommuner/jonkoping/" lang="sv" hreflang="sv"' in html
    assert 'lang="fi" aria-current="true">Suomi</span>' in html


def test_the_languages_setting_names_each_language_in_itself_and_swedish_first():
    assert languages_from("sv,en,fi") == [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi")]
    assert languages_from(" sv , EN ") == [("sv", "Svenska"), ("en", "English")]
    with pytest.raises(ImproperlyConfigured, match="start with sv"):
        languages_from("en,sv")
    with pytest.raises(ImproperlyConfigured, match="de"):
        languages_from("sv,de")


@pytest.mark.parametrize(
    "code, name_local",
    [
        ("fit", "meänkieli"),
        ("se", "davvisámegiella"),
        ("smj", "julevsámegiella"),
        ("sma", "åarjelsaemien gïele"),
    ],
)
def test_the_minority_languages_have_language_data(code, name_local):
    info = get_language_info(code)
    assert info["code"] == code and info["name_local"] == name_local and not info["bidi"]
    with translation.override(code):
        assert translation.get_language() == code


def test_the_sitemap_lists_every_page_with_its_alternates(client, seed_content, settings):
    settings.SITE_URL = SITE
    response = client.get(reverse("sitemap"))
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    period = SITE + period_url("jonkoping", "2020")
    for loc in (period, SITE + in_english(period_url("jonkoping", "2020"))):
        assert entries[loc] == {
            "sv": period,
            "en": SITE + in_english(period_url("jonkoping", "2020")),
            "x-default": period,
        }
    for page in ("portal:home", "opendata:index", "accessibility:statement"):
        assert SITE + reverse(page) in entries and SITE + in_english(reverse(page)) in entries
    assert all(set(links) == {"sv", "en", "x-default"} for links in entries.values())
