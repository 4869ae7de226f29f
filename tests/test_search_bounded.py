"""Search at national scale (issue 15) on whichever database DATABASE_URL names: misspellings
typed without å, ä, ö get "Menade du", a repeated search comes from the page cache until
the content changes, and every search costs the same fixed number of queries whatever
the query and however much is indexed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import query
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def search_page(client, **params):
    response = client.get(reverse("portal:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def links(html):
    return re.findall(r'<h3><a href="([^"]+)">', html)


def queries_of(client, **params):
    with CaptureQueriesContext(connection) as captured:
        search_page(client, **params)
    return len(captured)


def test_a_misspelling_typed_without_accents_gets_menade_du(client):
    ActivityFactory(text="Trygghetsvandring runt Sävstaskolan och Älvsjöskolan i oktober.")
    html = search_page(client, q="Savstasklan")
    assert "Inga träffar" in html
    assert 'Menade du <a href="?q=s%C3%A4vstaskolan">sävstaskolan</a>?' in html
    # Two letters without their dots and one missing: still near, compared unaccented.
    html = search_page(client, q="Alvsjoskoln")
    assert 'Menade du <a href="?q=%C3%A4lvsj%C3%B6skolan">älvsjöskolan</a>?' in html
    # The word typed without accents but spelled right is simply found.
    assert "1 träff för ”Savstaskolan”" in search_page(client, q="Savstaskolan")


def test_a_repeated_search_comes_from_the_page_cache_until_the_content_changes(client):
    ActivityFactory(text="Kameraövervakning vid torget.")
    first = search_page(client, q="kameraövervakning")
    assert "1 träff" in first
    assert queries_of(client, q="kameraövervakning") == 0
    # Another page, filter or word is another search.
    assert queries_of(client, q="kameraövervakning", sida="2") > 0
    # Published content is found on the very next request.
    ActivityFactory(text="Mer kameraövervakning i parken.")
    assert "2 träffar" in search_page(client, q="kameraövervakning")


# The statements of one search page on each database, however many documents match:
# the county list for the filter; on PostgreSQL a savepoint, SET LOCAL statement_timeout,
# the municipality lookup, the ranked page and the release; without hits also the
# suggestion and the page's date. SQLite has no statement timeout to set (a progress
# handler stops a statement instead) and no savepoint here. Later pages have no
# municipality lookup. The limit's counter and the page cache are in memory in tests.
PINNED = {
    "postgresql": {"hits": 6, "no hits": 8},
    "sqlite": {"hits": 3, "no hits": 5},
}


def test_each_search_costs_a_fixed_number_of_queries(client):
    ActivityFactory(text="Fotpatrullering i centrum.")
    pinned = PINNED[connection.vendor]
    hits = queries_of(client, q="fotpatrullering")
    no_hits = queries_of(client, q="zzzyxw")
    assert (hits, no_hits) == (pinned["hits"], pinned["no hits"])
    ActivityFactory.create_batch(25, text="Fotpatrullering vid stationen.")
    assert queries_of(client, q="fotpatrullering") == pinned["hits"]
    assert queries_of(client, q="fotpatrullering", sida="2") == pinned["hits"] - 1


def test_ten_unknown_words_cost_no_more_than_one(client):
    ActivityFactory(text="Fotpatrullering i centrum.")
    one = queries_of(client, q="qwxz")
    ten = queries_of(client, q="qwxa qwxb qwxc qwxd qwxe qwxf qwxg qwxh qwxi qwxj")
    assert ten == one


def test_capped_results_say_more_than_and_page_within_the_cap(client, monkeypatch):
    monkeypatch.setattr(query, "CANDIDATES", 20)
    ActivityFactory.create_batch(23, text="Grannsamverkan i centrum.")
    html = search_page(client, q="grannsamverkan")
    assert "Fler än 20 träffar för ”grannsamverkan”, sida 1 av 2" in html
    assert "Visar de bästa bland de första 20 träffarna." in html
    last = search_page(client, q="grannsamverkan", sida="2")
    assert "sida 2 av 2" in last and len(links(last)) == 10
