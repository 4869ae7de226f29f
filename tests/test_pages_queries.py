"""Query budgets: every public page runs the same number of queries whatever the size of
the promise it shows (2 or 40 activities, 12 follow-up reports with a status each)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from followup.models import ActivityStatus, FollowUpReport
from promises.models import Activity
from search import indexer
from tests.factories import (
    CooperationAgreementFactory,
    GoalFactory,
    LocalPoliceAreaFactory,
    MunicipalityFactory,
    PromiseFactory,
    PromisePeriodFactory,
)

# Named budgets, so a change in a page's queries is a visible decision.
BUDGETS = {
    "home": 4,
    "county": 3,
    "police-area": 3,
    "municipality": 11,  # + announcements, signatories (issue 14)
    "period": 8,  # + signatories, the activity × tertial statuses (issue 14)
    "report": 5,
    "agreement": 2,  # + signatories (issue 14)
}


def build_municipality(activity_count):
    """A municipality with a four-year period (12 tertials), two promises, goals,
    `activity_count` activities, 12 published reports with a status for every activity,
    an agreement, and a police area that also serves a neighbour."""
    municipality = MunicipalityFactory()
    area = LocalPoliceAreaFactory(municipalities=[municipality, MunicipalityFactory()])
    period = PromisePeriodFactory(
        municipality=municipality,
        police_area=area,
        title="Medborgarlöfte 2020–2023",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
        situation="Lägesbild.",
    )
    PromisePeriodFactory(
        municipality=municipality,
        police_area=area,
        title="Medborgarlöfte 2019",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )
    promises = [PromiseFactory(period=period) for _ in range(2)]
    for promise in (*promises, None):
        GoalFactory(period=period, promise=promise, deadline=datetime.date(2023, 12, 31))
    activities = Activity.objects.bulk_create(
        Activity(
            period=period,
            promise=promises[n % 3] if n % 3 < 2 else None,
            text=f"Aktivitet {n}",
            responsible="annan" if n % 4 == 0 else "polisen",
            partner_name="Bostadsbolaget" if n % 4 == 0 else "",
            order=n,
        )
        for n in range(activity_count)
    )
    reports = FollowUpReport.objects.bulk_create(
        FollowUpReport(period=period, year=year, tertial=tertial, status="published")
        for year in range(2020, 2024)
        for tertial in (1, 2, 3)
    )
    ActivityStatus.objects.bulk_create(
        ActivityStatus(report=report, activity=activity, status="pagar", comment="På gång.")
        for report in reports
        for activity in activities
    )
    agreement = CooperationAgreementFactory(
        municipality=municipality, police_area=area, focus_areas="Ett\nTvå"
    )
    return {
        "home": reverse("portal:home"),
        "county": municipality.county.get_absolute_url(),
        "police-area": area.get_absolute_url(),
        "municipality": municipality.get_absolute_url(),
        "period": period.get_absolute_url(),
        "report": reports[5].get_absolute_url(),
        "agreement": agreement.get_absolute_url(),
    }


@pytest.mark.parametrize("page", sorted(BUDGETS))
@pytest.mark.parametrize("activity_count", [2, 40])
def test_query_count_does_not_grow_with_the_data(
    client, db, django_assert_num_queries, page, activity_count
):
    urls = build_municipality(activity_count)
    with django_assert_num_queries(BUDGETS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
    if page in ("period", "municipality"):
        assert f"Aktivitet {activity_count - 1}" in response.content.decode()
    if page == "report":
        html = response.content.decode()
        assert f'<span class="progress__count">{activity_count} av {activity_count}</span>' in html
        assert html.count("På gång.") == activity_count


def test_search_query_count_is_fixed(client, db, django_assert_num_queries):
    build_municipality(40)
    indexer.rebuild()  # the activities were bulk-inserted, past the index's signals
    # One ranked query over the search index (search/query.py), one for municipality
    # names, one for the county filter; on PostgreSQL also the savepoint, the statement
    # timeout and the release around them.
    expected = 6 if connection.vendor == "postgresql" else 3
    with django_assert_num_queries(expected):
        response = client.get(reverse("portal:search"), {"q": "aktivitet"})
    assert "Aktivitet" in response.content.decode()
