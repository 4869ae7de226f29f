"""The English pages as a reader who knows no Swedish gets them (issue 20 points 1 and 2),
with the seed content untranslated: no Swedish interface word outside an element marked
lang="sv", every content passage marked and the notice said once, dates and numbers
written the English way, each language its own copy in the page cache, and the English
pages running no more than two queries beyond the Swedish ones."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accessibility.models import AccessibilityStatement
from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion
from tests.helpers import html_of, period_url, report_url
from tests.test_pages_queries import BUDGETS, build_municipality

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"
NOTICE = "Parts of this page are only in Swedish."
WORD = re.compile(r"[^\W\d_]+")
MARKUP = re.compile(r"<[^>]+>|%\(\w+\)s|\{\w*\}")


def words(text):
    return {w.lower() for w in WORD.findall(MARKUP.sub(" ", text))}


def swedish_interface_words():
    """The words of the Swedish message ids that no English translation uses: what an
    untranslated or unmarked piece of the interface would show."""
    catalogue = polib.pofile(str(CATALOGUE))
    swedish, english = set(), set()
    for entry in catalogue:
        swedish |= words(entry.msgid + " " + entry.msgid_plural)
        english |= words(entry.msgstr + " " + " ".join(entry.msgstr_plural.values()))
    return swedish - english


class OutsideSwedish(HTMLParser):
    """The text of <body> that is not inside an element marked lang="sv"."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "rect", "path", "source"}

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.in_body = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in self.VOID:
            return
        marked = "code" if tag == "code" else dict(attrs).get("lang")
        inherited = self.stack[-1] if self.stack else "en"
        self.stack.append(marked or inherited)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_body and (not self.stack or self.stack[-1] not in ("sv", "code")):
            self.text.append(data)


def unmarked_swedish(html, names, vocabulary):
    parser = OutsideSwedish()
    parser.feed(html)
    text = " ".join(parser.text)
    text = re.sub(r"https?://\S+|\b[\w-]+\.(csv|json|zip)\b", " ", text)  # addresses, files
    for name in names:  # proper names (places, regions) are not words to translate
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text)
    return sorted(words(text) & vocabulary)


def english_pages(client):
    statement, _ = AccessibilityStatement.objects.get_or_create(pk=1)
    shapes = {
        "start": reverse("portal:home"),
        "about": reverse("portal:about"),
        "overview": reverse("portal:overview"),
        "search": reverse("portal:search") + "?q=krogtillsyn",
        "search-nothing": reverse("portal:search") + "?q=zzzyxw",
        "search-filters": reverse("portal:search") + "?q=polisen&lan=jonkopings-lan&typ=aktivitet",
        "county": reverse("portal:county", kwargs={"slug": "jonkopings-lan"}),
        "police-area": reverse("portal:police-area", kwargs={"slug": "sollentuna"}),
        "municipality": reverse("portal:municipality", kwargs={"slug": "jonkoping"}),
        "municipality-none": reverse("portal:municipality", kwargs={"slug": "sigtuna"}),
        "municipality-agreement": reverse("portal:municipality", kwargs={"slug": "jarfalla"}),
        "period": period_url("jonkoping", "2020"),
        "period-promises": period_url("jonkoping", "2018-2019"),
        "card": period_url("jonkoping", "2020") + "skriv-ut/",
        "report": report_url("jonkoping", "2018-2019", 2019, 1),
        "agreement": reverse("portal:municipality", kwargs={"slug": "jarfalla"}),
        "statement": reverse("accessibility:statement"),
        "barrier": reverse("accessibility:report-barrier"),
        "format": reverse("accessibility:alternative-format"),
        "follow": reverse("alerts:subscribe") + "?omrade=kommun/jonkoping",
        "followed": reverse("alerts:subscribed"),
        "opendata": reverse("opendata:index"),
        "opendata-municipality": reverse("opendata:municipality", kwargs={"code": "0680"}),
        "api": reverse("opendata:api-docs"),
    }
    agreement = re.search(
        r'href="(/kommuner/jarfalla/samverkansoverenskommelser/\d+/)"',
        html_of(client.get(shapes["agreement"])),
    )
    shapes["agreement"] = agreement.group(1)
    pages = {name: client.get("/en" + url) for name, url in shapes.items()}
    pages["404"] = client.get("/en/kommuner/finns-inte/")
    pages["barrier-errors"] = client.post("/en" + shapes["barrier"], {"message": ""})
    del statement
    return pages


def reference_names():
    names = [
        *Municipality.objects.values_list("name", flat=True),
        *County.objects.values_list("name", flat=True),
        *LocalPoliceArea.objects.values_list("name", flat=True),
        *LocalPoliceArea.objects.exclude(police_district="").values_list(
            "police_district", flat=True
        ),
        *PoliceRegion.objects.values_list("name", flat=True),
        "Medborgarlöften",  # the site's name
    ]
    return sorted(set(names), key=len, reverse=True)


def test_no_swedish_interface_word_is_left_unmarked_on_the_english_pages(client, seed_content):
    vocabulary = swedish_interface_words()
    assert {"uppföljning", "lovar", "kommuner", "tillgänglighet"} <= vocabulary
    names = reference_names()
    found = {}
    for name, response in english_pages(client).items():
        assert response.status_code in (200, 404), name
        html = html_of(response)
        assert '<html lang="en">' in html, name
        if left := unmarked_swedish(html, names, vocabulary):
            found[name] = left
    assert found == {}, found


def test_the_checker_finds_an_unmarked_swedish_word():
    vocabulary = swedish_interface_words()
    page = '<html lang="en"><body><p>Follow-up <span lang="sv">uppföljning</span></p>'
    assert unmarked_swedish(page, [], vocabulary) == []
    assert unmarked_swedish(page + "<p>Uppföljning</p>", [], vocabulary) == ["uppföljning"]


def test_content_is_shown_in_swedish_marked_so_with_one_notice(client, seed_content):
    html = html_of(client.get("/en" + period_url("jonkoping", "2020")))
    assert html.count(NOTICE) == 1
    assert re.search(r'<h1><span lang="sv">Medborgarlöfte 2020</span> in Jönköping</h1>', html)
    assert '<div class="lead"><div lang="sv"><p>' in html
    assert '<h2 id="reports-heading">Follow-up</h2>' in html
    # The Swedish page says nothing of the kind and marks nothing.
    swedish = html_of(client.get(period_url("jonkoping", "2020")))
    assert "bara på svenska" not in swedish
    assert '<span lang="sv">' not in swedish and '<div lang="sv">' not in swedish


def test_a_page_without_content_passages_has_no_notice(client, seed_content):
    for url in ("/en/om-medborgarloften/", "/en/tillganglighet/pata-brister/"):
        assert NOTICE not in html_of(client.get(url))


def test_dates_and_numbers_are_written_for_the_language(client, db):
    AccessibilityStatement.objects.update_or_create(
        pk=1, defaults={"assessed_on": "2026-11-21", "reviewed_on": "2026-11-21"}
    )
    swedish = html_of(client.get(reverse("accessibility:statement")))
    english = html_of(client.get("/en" + reverse("accessibility:statement")))
    assert ">21 november 2026</time>" in swedish
    assert ">21 November 2026</time>" in english
    assert "Last updated:" in english and "Senast uppdaterad:" in swedish
    limit = client.post("/en/tillganglighet/pata-brister/", {"message": "x" * 5001})
    assert "at most 5,000 characters. You have written 5,001." in html_of(limit)
    limit = client.post("/tillganglighet/pata-brister/", {"message": "x" * 5001})
    assert "högst 5\u00a0000 tecken. Du har skrivit 5\u00a0001." in html_of(limit)


def test_tertials_are_named_in_the_language(client, seed_content):
    html = html_of(client.get("/en" + report_url("jonkoping", "2018-2019", 2019, 1)))
    assert "<h1>Follow-up, tertial 1 2019</h1>" in html
    assert "tertial 1, <time" in html and ">1 January</time> – <time" in html


@pytest.mark.parametrize("first", ["sv", "en"])
def test_each_language_is_its_own_copy_in_the_page_cache(client, seed_content, first):
    url = reverse("portal:municipality", kwargs={"slug": "jonkoping"})
    addresses = {"sv": url, "en": "/en" + url}
    second = "en" if first == "sv" else "sv"
    client.get(addresses[first])  # rendered and stored
    for language in (first, second, first, second):
        response = client.get(addresses[language])
        assert response["Content-Language"] == language
        html = html_of(response)
        assert f'<html lang="{language}">' in html
        heading = (
            "Medborgarlöften i Jönköping" if language == "sv" else "Citizen promises in Jönköping"
        )
        assert f"<h1>{heading}</h1>" in html
    # Both are served from the cache now, without a query.
    for language in (first, second):
        with CaptureQueriesContext(connection) as queries:
            client.get(addresses[language])
        assert len(queries) == 0, language


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_english_pages_run_at_most_two_queries_more_than_the_swedish(client, db, settings, page):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    url = build_municipality(12)[page]
    counts = {}
    for language, address in (("sv", url), ("en", "/en" + url)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts[language] = len(queries)
    assert counts["en"] <= counts["sv"] + 2, counts


def test_the_error_pages_speak_english_under_en(client, rf, db, settings):
    from django.db import OperationalError
    from django.utils import translation

    from config.middleware import database_unavailable
    from config.views import server_error

    # 405: a POST to a page that can only be read.
    response = client.post("/en/om-medborgarloften/")
    assert response.status_code == 405
    assert "<h1>This cannot be done</h1>" in html_of(response)
    # 403: a form sent without its CSRF cookie.
    strict = client_class_with_csrf_checks()
    response = strict.post("/en/tillganglighet/pata-brister/", {"message": "Kartan"})
    assert response.status_code == 403
    html = html_of(response)
    assert "<h1>You do not have permission</h1>" in html and "Kartan" in html
    # 500 and 503, rendered with English active as the middleware leaves it.
    with translation.override("en"):
        html = server_error(rf.get("/en/kommuner/jarfalla/")).content.decode()
        assert '<html lang="en">' in html and "<h1>Technical error</h1>" in html
        assert 'href="/kommuner/jarfalla/" lang="sv" hreflang="sv"' in html
        try:
            raise OperationalError("down")
        except OperationalError:
            html = database_unavailable(rf.get("/en/")).content.decode()
        assert "<h1>The service is temporarily unavailable</h1>" in html
    # 429: the search limit, with the words kept.
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 1
    client.get("/en/sok/", {"q": "trygghet"})
    response = client.get("/en/sok/", {"q": "trygghet"})
    assert response.status_code == 429
    html = html_of(response)
    assert "<h1>You have searched many times in a short time</h1>" in html
    assert 'value="trygghet"' in html


def client_class_with_csrf_checks():
    from django.test import Client

    return Client(enforce_csrf_checks=True)
