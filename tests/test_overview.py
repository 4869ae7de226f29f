"""Läget i landet: the country's, counties' and police regions' figures against a
constructed data set, the tile map and its table, and a fixed number of queries."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.overview import TILES, last_ended_tertial, overview

from .factories import (
    CountyFactory,
    FollowUpReportFactory,
    MunicipalityFactory,
    PoliceRegionFactory,
    PromisePeriodFactory,
)
from .helpers import html_of, text_of

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 6, 15)  # pinned: the last ended tertial is T1 2024
D = datetime.date


def test_last_ended_tertial():
    assert last_ended_tertial(D(2024, 6, 15)) == (2024, 1)
    assert last_ended_tertial(D(2024, 1, 10)) == (2023, 3)
    assert last_ended_tertial(D(2024, 12, 31)) == (2024, 2)


@pytest.fixture
def country(db):
    """Two counties in two regions. North: 3 municipalities, one with a current period
    followed up for T1 2024, one with a current period not followed up. South: 2
    municipalities, one with a period that started after T1 began (not due), one with
    only an ended period and a draft."""
    north_region = PoliceRegionFactory(slug="nord", name="Nord")
    south_region = PoliceRegionFactory(slug="syd", name="Syd")
    north = CountyFactory(code="25", name="Norrbottens län", police_region=north_region)
    south = CountyFactory(code="12", name="Skåne län", police_region=south_region)
    n1, n2, _n3 = (MunicipalityFactory(county=north, name=f"Norr {i}") for i in (1, 2, 3))
    s1, s2 = (MunicipalityFactory(county=south, name=f"Syd {i}") for i in (1, 2))
    followed = PromisePeriodFactory(municipality=n1)  # 2024
    FollowUpReportFactory(period=followed, year=2024, tertial=1)
    not_followed = PromisePeriodFactory(municipality=n2)
    FollowUpReportFactory(period=not_followed, year=2024, tertial=1, status="draft")
    PromisePeriodFactory(municipality=s1, starts_on=D(2024, 3, 1), ends_on=D(2025, 2, 28))
    PromisePeriodFactory(municipality=s2, starts_on=D(2022, 1, 1), ends_on=D(2023, 12, 31))
    PromisePeriodFactory(
        municipality=s2, starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31), status="draft"
    )
    return north, south


def test_figures_against_a_constructed_country(country):
    figures = overview(DAY)
    whole = figures["country"]
    assert (whole.municipalities, whole.with_promise, whole.current_periods) == (5, 3, 3)
    assert (whole.due, whole.followed_up, whole.not_due) == (2, 1, 1)
    counties = {c.name: c for c in figures["counties"]}
    assert (counties["Norrbottens län"].with_promise, counties["Norrbottens län"].share) == (2, 67)
    assert (counties["Norrbottens län"].due, counties["Norrbottens län"].followed_up) == (2, 1)
    assert (counties["Skåne län"].with_promise, counties["Skåne län"].due) == (1, 0)
    assert [m.name for m in counties["Skåne län"].without_promise] == ["Syd 2"]
    regions = {r.name: r for r in figures["regions"]}
    assert regions["Polisregion Nord"].followed_up == 1
    assert regions["Polisregion Syd"].municipalities == 2


def test_the_page_shows_the_figures_the_map_and_its_table(client, country, settings):
    response = client.get(reverse("portal:overview"))
    assert response.status_code == 200
    text, html = text_of(response), html_of(response)
    assert "Läget i landet" in text
    assert re.search(r"Kommuner med gällande medborgarlöfte \d+ av 5", text)
    assert "Kommuner utan gällande medborgarlöfte" in text
    # Each county a link in the map with its figures as its name, and the same in the table.
    north = country[0]
    assert f'<a href="{north.get_absolute_url()}" aria-label="Norrbottens län: ' in html
    assert "Norrbottens län" in text and "(25)" not in text
    assert html.count('<rect class="tile tile--') == 2
    assert 'style="' not in html


def current_period(municipality):
    """A period in force today, whatever today is: last year to next year."""
    year = datetime.date.today().year
    return PromisePeriodFactory(
        municipality=municipality, starts_on=D(year - 1, 1, 1), ends_on=D(year + 1, 12, 31)
    )


def test_the_page_runs_a_fixed_number_of_queries(client, country, django_assert_num_queries):
    url = reverse("portal:overview")
    current_period(MunicipalityFactory(county=country[0]))
    with django_assert_num_queries(5):
        client.get(url)
    more = CountyFactory(code="01", name="Stockholms län")
    for _ in range(10):
        current_period(MunicipalityFactory(county=more))
    cache.clear()
    with django_assert_num_queries(5):
        text = text_of(client.get(url))
    assert "Stockholms län 10 av 10 (100 %)" in text
    assert "Kommuner med gällande medborgarlöfte 11 av 16" in text


def test_every_county_has_a_tile():
    assert len(TILES) == 21 and len(set(TILES.values())) == 21


def test_linked_from_the_start_page(client, db):
    assert reverse("portal:overview") in html_of(client.get(reverse("portal:home")))
