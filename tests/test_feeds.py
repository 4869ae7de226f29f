"""Atom feeds: valid per a real parser, the entries of the scope newest first, ids that
survive a title edit, no drafts, served through the page cache (304, invalidation)."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from followup.models import FollowUpReport

from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    LocalPoliceAreaFactory,
    MunicipalityFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # feedparser flags malformed XML
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def world():
    """Järfälla with a period, two reports and an agreement, published at known times,
    and a neighbour in another county."""
    jarfalla = MunicipalityFactory(name="Järfälla", slug="jarfalla")
    area = LocalPoliceAreaFactory(name="Järfälla", slug="jarfalla", municipalities=[jarfalla])
    period = PromisePeriodFactory(
        municipality=jarfalla, police_area=area, title="Medborgarlöfte 2024", slug="2024"
    )
    activities = [ActivityFactory(period=period) for _ in range(3)]
    now = timezone.now()
    t1 = FollowUpReportFactory(period=period, year=2024, tertial=1, summary="Bra start.")
    for activity, status in zip(activities, ["genomford", "genomford", "pagar"], strict=True):
        ActivityStatusFactory(report=t1, activity=activity, status=status)
    t2 = FollowUpReportFactory(period=period, year=2024, tertial=2, summary="Fortsatt arbete.")
    agreement = CooperationAgreementFactory(
        municipality=jarfalla, police_area=area, title="Samverkan Järfälla"
    )
    draft = FollowUpReportFactory(period=period, year=2024, tertial=3, status="draft")
    # Known publication order: period, agreement, T1, T2 (newest).
    for offset, obj in enumerate([period, agreement, t1, t2]):
        type(obj).objects.filter(pk=obj.pk).update(
            published_at=now - datetime.timedelta(days=10 - offset)
        )
    other = PromisePeriodFactory(title="Annat löfte")
    return {
        "municipality": jarfalla,
        "area": area,
        "period": period,
        "t1": t1,
        "t2": t2,
        "agreement": agreement,
        "draft": draft,
        "other": other,
    }


def test_municipality_feed_lists_the_scope_newest_first_with_links_and_summaries(client, world):
    feed = parse(client.get(reverse("alerts:feed", kwargs={"slug": "jarfalla"})))
    assert feed.feed.title == "Medborgarlöften – Järfälla"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Uppföljning tertial 2 2024 – Järfälla",
        "Uppföljning tertial 1 2024 – Järfälla",
        "Samverkan Järfälla – Järfälla",
        "Medborgarlöfte 2024 – Järfälla",
    ]
    t1 = feed.entries[1]
    assert t1.link == "http://testserver" + world["t1"].get_absolute_url()
    assert t1.summary == "Bra start. Av 3 aktiviteter: 2 genomförda och 1 pågår."
    assert t1.id.startswith("tag:") and t1.id.endswith(f":report/{world['t1'].pk}")
    assert t1.published_parsed and t1.updated_parsed
    # Drafts and other municipalities never appear.
    assert "Uppföljning tertial 3 2024 – Järfälla" not in titles
    assert not any("Annat löfte" in title for title in titles)


def test_each_scope_has_its_feed(client, world):
    municipality = world["municipality"]
    urls = [
        reverse("alerts:feed-country"),
        reverse("alerts:feed-county", kwargs={"slug": municipality.county.slug}),
        reverse("alerts:feed-police-area", kwargs={"slug": world["area"].slug}),
    ]
    for url in urls:
        titles = [entry.title for entry in parse(client.get(url)).entries]
        assert "Uppföljning tertial 1 2024 – Järfälla" in titles, url
    country = [entry.title for entry in parse(client.get(urls[0])).entries]
    assert any("Annat löfte" in title for title in country)
    county = [entry.title for entry in parse(client.get(urls[1])).entries]
    assert not any("Annat löfte" in title for title in county)
    assert client.get(reverse("alerts:feed", kwargs={"slug": "finns-inte"})).status_code == 404


def test_entry_id_is_stable_when_the_title_changes(client, world):
    url = reverse("alerts:feed", kwargs={"slug": "jarfalla"})
    before = {e.id: e.title for e in parse(client.get(url)).entries}
    period = world["period"]
    period.title = "Medborgarlöfte för Järfälla 2024"
    period.save()
    after = {e.id: e.title for e in parse(client.get(url)).entries}
    assert before.keys() == after.keys()
    period_id = next(i for i in after if i.endswith(f":period/{period.pk}"))
    assert after[period_id] == "Medborgarlöfte för Järfälla 2024 – Järfälla"


def test_publishing_invalidates_the_cached_feed_and_unchanged_feeds_answer_304(client, world):
    url = reverse("alerts:feed", kwargs={"slug": "jarfalla"})
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    draft = FollowUpReport.objects.get(pk=world["draft"].pk)
    draft.mark_published()
    draft.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert parse(again).entries[0].title == "Uppföljning tertial 3 2024 – Järfälla"


def test_feed_is_limited_to_the_latest_50(client, world):
    municipality = world["municipality"]
    for year in range(1960, 2010):
        PromisePeriodFactory(
            municipality=municipality,
            police_area=world["area"],
            starts_on=D(year, 1, 1),
            ends_on=D(year, 12, 31),
            slug=str(year),
            title=f"Löfte {year}",
        )
    feed = parse(client.get(reverse("alerts:feed", kwargs={"slug": "jarfalla"})))
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Löfte 2009 – Järfälla"


@pytest.mark.parametrize(
    "page, feed_name",
    [
        ("home", "feed-country"),
        ("county", "feed-county"),
        ("police-area", "feed-police-area"),
        ("municipality", "feed"),
    ],
)
def test_pages_link_their_feed_in_the_head_and_show_the_follow_section(
    client, world, page, feed_name
):
    municipality = world["municipality"]
    slug = {
        "home": None,
        "county": municipality.county.slug,
        "police-area": world["area"].slug,
        "municipality": municipality.slug,
    }[page]
    kwargs = {"slug": slug} if slug else {}
    html = client.get(reverse(f"portal:{page}", kwargs=kwargs)).content.decode()
    feed_url = reverse(f"alerts:{feed_name}", kwargs=kwargs)
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Medborgarlöften i' in head
    assert f'href="{feed_url}"' in head
    body = html.split("</head>")[1]
    assert "Ett flöde är en adress som en flödesläsare" in body
    assert f'href="{feed_url}"' in body
    assert 'action="/folj/"' in body and 'name="email"' in body


def test_feed_queries_do_not_grow_with_the_data(client, world, django_assert_num_queries):
    url = reverse("alerts:feed-county", kwargs={"slug": world["municipality"].county.slug})
    # The county, then reports (with their status counts), periods and agreements.
    with django_assert_num_queries(4):
        client.get(url)
    for n in range(10):
        period = PromisePeriodFactory(
            municipality=world["municipality"],
            police_area=world["area"],
            starts_on=D(1990 + n, 1, 1),
            ends_on=D(1990 + n, 12, 31),
            slug=f"p{n}",
        )
        FollowUpReportFactory(period=period, year=1990 + n, tertial=1)
        CooperationAgreementFactory(municipality=world["municipality"], police_area=world["area"])
    # The saves above made the cached feed stale: it is rendered again.
    with django_assert_num_queries(4):
        assert len(parse(client.get(url)).entries) == 4 + 30
