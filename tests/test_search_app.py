"""The search index of issue 15, on whichever database DATABASE_URL names: accents,
"Menade du", municipalities first, paging, filters, what is public, how the index
follows edits, and that no input can make it fail or run long."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import query
from search.models import SearchDocument
from tests.factories import (
    ActivityFactory,
    ActivityStatusFactory,
    CountyFactory,
    FollowUpReportFactory,
    GoalFactory,
    MunicipalityFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db


def search_page(client, status=200, **params):
    response = client.get(reverse("portal:search"), params)
    assert response.status_code == status
    return response.content.decode()


def links(html):
    return re.findall(r'<h3><a href="([^"]+)">', html)


def test_a_word_typed_without_accents_finds_the_accented_word(client):
    activity = ActivityFactory(text="Trygghetsvandring runt Sävstaskolan i oktober.")
    html = search_page(client, q="Savstaskolan")
    assert links(html) == [f"{activity.period.get_absolute_url()}#aktivitet-{activity.pk}"]
    assert "<mark>Sävstaskolan</mark>" in html


def test_a_misspelled_word_gets_menade_du_with_a_link(client):
    ActivityFactory(text="Polisen ökar kameraövervakningen vid torget.")
    html = search_page(client, q="kamerövervakningen torget")
    assert "Inga träffar" in html
    assert 'Menade du <a href="?q=kamera%C3%B6vervakningen%20torget">' in html
    assert "kameraövervakningen torget</a>?" in html
    # The suggestion finds what was meant.
    assert "1 träff" in search_page(client, q="kameraövervakningen torget")


def test_no_suggestion_when_nothing_is_near(client):
    ActivityFactory(text="Polisen ökar kameraövervakningen vid torget.")
    assert "Menade du" not in search_page(client, q="zzzyxw")


def test_a_municipality_name_leads_to_its_page_first(client):
    town = MunicipalityFactory(name="Sävsjö", slug="savsjo")
    period = PromisePeriodFactory(municipality=town, lead="Trygghet i Sävsjö centrum.")
    ActivityFactory(period=period, text="Sävsjö och polisen ordnar trygghetsvandringar.")
    html = search_page(client, q="savsjo")
    assert links(html)[0] == town.get_absolute_url()
    assert links(html).count(town.get_absolute_url()) == 1
    # A place plus a topic: the municipality first, then its content about the topic.
    html = search_page(client, q="Sävsjö trygghetsvandring")
    assert links(html)[0] == town.get_absolute_url()
    assert len(links(html)) == 2


def test_hits_are_headed_by_their_own_text_with_kind_and_context_apart(client):
    period = PromisePeriodFactory(title="Medborgarlöfte 2024")
    goal = GoalFactory(period=period, text="Färre bostadsinbrott i Norrby under året.")
    html = search_page(client, q="bostadsinbrott")
    assert f'<h3><a href="{period.get_absolute_url()}#mal-{goal.pk}">Färre <mark>' in html
    assert '<span class="tag"><span class="visually-hidden">Typ: </span>Mål</span>' in html
    assert f"Medborgarlöfte 2024 i {period.municipality.name}</span>" in html


def test_results_are_paged(client):
    period = PromisePeriodFactory()
    ActivityFactory.create_batch(23, period=period, text="Fotpatrullering i centrum.")
    first = search_page(client, q="fotpatrullering")
    assert "23 träffar för ”fotpatrullering”, sida 1 av 3" in first
    assert len(links(first)) == 10
    assert "Nästa sida" in first and "Föregående sida" not in first
    third = search_page(client, q="fotpatrullering", sida="3")
    assert "sida 3 av 3" in third
    assert len(links(third)) == 3
    assert "Föregående sida" in third and "Nästa sida" not in third
    seen = set(links(first)) | set(links(search_page(client, q="fotpatrullering", sida="2")))
    assert len(seen | set(links(third))) == 23
    # A page that is not there, or not a number, shows the first page.
    assert links(search_page(client, q="fotpatrullering", sida="99")) == links(first)
    assert links(search_page(client, q="fotpatrullering", sida="-1")) == links(first)


def test_filters_by_county_and_by_kind(client):
    north, south = CountyFactory(name="Norrlän"), CountyFactory(name="Söderlän")
    far = PromisePeriodFactory(municipality=MunicipalityFactory(county=north))
    near = PromisePeriodFactory(municipality=MunicipalityFactory(county=south))
    a = ActivityFactory(period=far, text="Mopedkontroller vid skolan.")
    GoalFactory(period=near, text="Färre mopedolyckor vid skolan.")
    html = search_page(client, q="skolan", lan=north.slug)
    assert links(html) == [f"{far.get_absolute_url()}#aktivitet-{a.pk}"]
    html = search_page(client, q="skolan", typ="mal")
    assert len(links(html)) == 1 and "#mal-" in links(html)[0]
    assert '<option value="mal" selected>Mål</option>' in html
    html = search_page(client, q="skolan", lan="finns-inte")
    assert "Välj ett län i listan." in html


def test_drafts_and_unpublished_reports_are_never_indexed(client):
    draft = PromisePeriodFactory(status="draft", lead="Hemlighetsmakeri.")
    ActivityFactory(period=draft, text="Hemlighetsmakeri.")
    FollowUpReportFactory(period=PromisePeriodFactory(), status="draft", summary="Hemlig.")
    assert not SearchDocument.objects.filter(text__icontains="hemlig").exists()


def test_publish_adds_and_unpublish_removes_a_whole_period(client):
    period = PromisePeriodFactory(status="draft")
    activity = ActivityFactory(period=period, text="Grannsamverkan i Byn.")
    report = FollowUpReportFactory(period=period, summary="Grannsamverkan startade.")
    ActivityStatusFactory(report=report, activity=activity, comment="Grannsamverkan pågår.")
    assert "Inga träffar" in search_page(client, q="grannsamverkan")
    period.status = "published"
    period.save()
    assert "3 träffar" in search_page(client, q="grannsamverkan")
    report.status = "draft"
    report.save()
    assert "1 träff" in search_page(client, q="grannsamverkan")
    period.status = "draft"
    period.save()
    assert "Inga träffar" in search_page(client, q="grannsamverkan")
    assert not SearchDocument.objects.filter(period_id=period.pk).exists()


def test_a_renamed_municipality_renames_every_document_that_names_it(client):
    town = MunicipalityFactory(name="Gamleby")
    period = PromisePeriodFactory(municipality=town)
    ActivityFactory(period=period, text="Nattvandring i centrum.")
    assert "Medborgarlöfte 2024 i Gamleby" in search_page(client, q="nattvandring")
    town.name = "Nyeby"
    town.save()
    html = search_page(client, q="nattvandring")
    assert "Medborgarlöfte 2024 i Nyeby" in html and "Gamleby" not in html
    html = search_page(client, q="nyeby nattvandring")
    assert links(html)[0] == town.get_absolute_url() and "2 träffar" in html
    assert not SearchDocument.objects.filter(context__contains="Gamleby").exists()


def test_deleting_removes_documents(client):
    activity = ActivityFactory(text="Cykelstölder minskar.")
    activity.delete()
    assert "Inga träffar" in search_page(client, q="cykelstölder")


def test_rebuild_gives_the_same_index(client):
    ActivityFactory(text="Trafikkontroller vid skolan.")
    before = sorted(SearchDocument.objects.values_list("source_type", "source_id", "title"))
    call_command("rebuild_search_index", stdout=None)
    after = sorted(SearchDocument.objects.values_list("source_type", "source_id", "title"))
    assert before == after
    assert "1 träff" in search_page(client, q="trafikkontroll")


def test_each_search_runs_under_a_time_limit():
    ActivityFactory(text="Trygghet.")
    with CaptureQueriesContext(connection) as queries:
        query.run("trygghet")
    if connection.vendor == "postgresql":
        sql = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        assert sql[0] == "SET LOCAL statement_timeout = 500"
        assert all("search_searchdocument" in statement for statement in sql[1:])
    else:
        # SQLite has no statement timeout: a progress handler interrupts instead.
        assert any("search_fts MATCH" in q["sql"] for q in queries)


def test_a_search_that_runs_too_long_is_stopped_with_a_message(client, settings, monkeypatch):
    ActivityFactory(text="Trygghet.")
    settings.SEARCH_STATEMENT_TIMEOUT_MS = 20
    slow = (
        "SELECT pg_sleep(1)"
        if connection.vendor == "postgresql"
        else (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        )
    )

    def hang(cls, terms, filters, page):
        with connection.cursor() as cursor:
            cursor.execute(slow)
        return [], 0

    backend = query.Postgres if connection.vendor == "postgresql" else query.Sqlite
    monkeypatch.setattr(backend, "page", classmethod(hang))
    html = search_page(client, status=503, q="trygghet")
    assert "Sökningen tog för lång tid och avbröts." in html
    # Not kept in the page cache: once the database answers, the search runs again.
    monkeypatch.undo()
    settings.SEARCH_STATEMENT_TIMEOUT_MS = 500
    assert "2 träffar för ”trygghet”" in search_page(client, q="trygghet")


@pytest.mark.parametrize(
    "typed",
    [
        "polis & | ! :* ( ) <-> 'a' \"b\"",
        "krog\x00tillsyn",
        "\\",
        "a" * 200,
        " ".join(["ord"] * 60)[:200],
        "NEAR(a b) title: * ^x",
        "%ff%fe",
        "é́́́́́́",
    ],
)
def test_hostile_queries_are_answered_calmly(client, typed):
    ActivityFactory(text="Krogtillsyn varje helg.")
    html = search_page(client, q=typed)
    assert "träff" in html or "Skriv ett eller flera ord" in html


def test_invalid_utf8_is_answered_calmly(client):
    response = client.get(reverse("portal:search") + "?q=%ff%fe%00polis")
    assert response.status_code == 200
    assert "Sök" in response.content.decode()


def test_query_count_does_not_grow_with_the_index(client, django_assert_max_num_queries):
    def count(text_):
        with CaptureQueriesContext(connection) as queries:
            search_page(client, q=text_)
        return len(queries)

    ActivityFactory(text="Kameraövervakning.")
    few, none = count("kameraövervakning"), count("zzzyxw")
    ActivityFactory.create_batch(30, text="Kameraövervakning vid torget.")
    assert count("kameraövervakning") == few
    assert count("zzzyxw") == none


def test_searches_are_limited_per_address_and_the_query_is_kept(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        search_page(client, q="polis")
    html = search_page(client, status=429, q="polis nattvandring")
    assert "Du har sökt många gånger på kort tid" in html
    assert 'value="polis nattvandring"' in html
    other = client.get(reverse("portal:search"), {"q": "polis"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_a_search_answered_from_the_page_cache_still_counts(client, settings):
    # The page cache serves stored pages before the view; the limit must run before it.
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        search_page(client, q="polis")
    county = CountyFactory()
    html = search_page(client, status=429, q="polis", lan=county.slug, typ="lofte")
    assert "Du har sökt många gånger på kort tid" in html
    assert 'value="polis"' in html
    # The filters are kept too, so "Sök" again asks the same question.
    assert f'<option value="{county.slug}" selected>' in html
    assert '<option value="lofte" selected>' in html
