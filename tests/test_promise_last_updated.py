"""Issue 14: "Senast uppdaterad" on every page shape, from the newest data the page shows,
and every <time datetime> a valid HTML date (no microseconds)."""

import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from municipalities.reference import REFERENCE_DATA_REVISED_ON

from .factories import (
    ActivityFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    MunicipalityFactory,
    PromisePeriodFactory,
)
from .helpers import html_of, text_of

pytestmark = pytest.mark.django_db

VALID_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2}))?)?)?$"
)


@pytest.fixture
def pages(db):
    period = PromisePeriodFactory()
    ActivityFactory(period=period, text="Polisen ska patrullera.")
    report = FollowUpReportFactory(period=period)
    agreement = CooperationAgreementFactory(municipality=period.municipality)
    lonely = MunicipalityFactory()
    search = reverse("portal:search")
    return {
        "start": reverse("portal:home"),
        "om": reverse("portal:about"),
        "län med löfte": period.municipality.county.get_absolute_url(),
        "län utan löfte": lonely.county.get_absolute_url(),
        "lokalpolisområde": period.police_area.get_absolute_url(),
        "kommun med löfte": period.municipality.get_absolute_url(),
        "kommun utan löfte": lonely.get_absolute_url(),
        "period": period.get_absolute_url(),
        "uppföljning": report.get_absolute_url(),
        "överenskommelse": agreement.get_absolute_url(),
        "läget i landet": reverse("portal:overview"),
        "sök": search,
        "sök med träffar": f"{search}?q=patrullera",
        "sök utan träffar": f"{search}?q=xyzzy",
    }


def test_every_page_shape_says_when_it_was_last_updated(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = text_of(response)
        assert re.search(r"Senast uppdaterad: \d{1,2} \w+ \d{4}", text), name


def test_every_time_element_has_a_valid_datetime(client, pages):
    for name, url in pages.items():
        values = re.findall(r'<time datetime="([^"]*)"', html_of(client.get(url)))
        assert values, name
        for value in values:
            assert VALID_DATETIME.match(value), f"{name}: {value}"
            assert "." not in value, f"{name}: microseconds in {value}"


def test_a_municipality_without_promise_shows_the_reference_data_date(client):
    lonely = MunicipalityFactory()
    html = html_of(client.get(lonely.get_absolute_url()))
    stamp = REFERENCE_DATA_REVISED_ON.isoformat()
    assert f'Senast uppdaterad: <time datetime="{stamp}">' in html


def test_the_search_page_shows_the_newest_public_change(client):
    period = PromisePeriodFactory()
    text = text_of(client.get(reverse("portal:search")))
    day = formats.date_format(timezone.localtime(period.updated_at), "j F Y")
    assert f"Senast uppdaterad: {day}" in text
