"""Admin pages run the same number of queries for 2 objects as for 20 (no N+1), for a
coordinator (scoped) and for a superuser."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.models import FollowUpReport
from municipalities.services import set_coordinator_scope
from promises.models import AgreementSignatory, PeriodSignatory, PromisePeriod

from .admin_helpers import SCOPED_ADMINS, admin_url, make_superuser
from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    GoalFactory,
    LocalPoliceAreaFactory,
    MunicipalityFactory,
    PromiseFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db


class World:
    """Two municipalities served by one police area, a coordinator of both, and a
    growing number of periods, each with one of everything."""

    def __init__(self):
        self.municipalities = [MunicipalityFactory(), MunicipalityFactory()]
        self.area = LocalPoliceAreaFactory(municipalities=self.municipalities)
        self.coordinator = get_user_model().objects.create_user("samordnare")
        set_coordinator_scope(
            user=self.coordinator, municipalities=self.municipalities, police_areas=[]
        )
        self.superuser = make_superuser()
        self.count = 0
        # Someone else's content, which the coordinator must not see (nor pay for).
        PromisePeriodFactory()

    def add(self, n):
        for _ in range(n):
            municipality = self.municipalities[self.count % 2]
            year = 2000 + self.count // 2
            self.count += 1
            period = PromisePeriodFactory(
                municipality=municipality,
                police_area=self.area,
                starts_on=datetime.date(year, 1, 1),
                ends_on=datetime.date(year, 12, 31),
                slug=str(year),
            )
            promise = PromiseFactory(period=period)
            GoalFactory(period=period, promise=promise)
            activity = ActivityFactory(period=period, promise=promise)
            agreement = CooperationAgreementFactory(
                municipality=municipality, police_area=self.area
            )
            PeriodSignatory.objects.create(period=period, name="Anna Andersson")
            AgreementSignatory.objects.create(agreement=agreement, name="Bo Berg")
            report = FollowUpReportFactory(period=period, year=year)
            ActivityStatusFactory(report=report, activity=activity)


def queries_do_not_grow(client, django_assert_num_queries, user, url, grow):
    """Open `url` as `user`, let `grow()` add data, and open it again: the second visit
    runs as many queries as the first. Returns the second response."""
    client.force_login(user)
    client.get(url)  # warm caches that are per process, not per page (content types)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(len(before)):
        response = client.get(url)
    return response


def same_queries_for_2_and_20(client, django_assert_num_queries, world, user, url):
    world.add(2)
    return queries_do_not_grow(
        client, django_assert_num_queries, user, url, grow=lambda: world.add(18)
    )


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
@pytest.mark.parametrize(("app_label", "model_name", "model"), SCOPED_ADMINS)
def test_changelists_query_count_is_constant(
    client, django_assert_num_queries, who, app_label, model_name, model
):
    world = World()
    user = getattr(world, who)
    url = admin_url(app_label, model_name, "changelist")
    response = same_queries_for_2_and_20(client, django_assert_num_queries, world, user, url)
    # A superuser also sees the other municipality's period.
    expected = 21 if (who, model_name) == ("superuser", "promiseperiod") else 20
    assert response.context["cl"].result_count == expected


@pytest.mark.parametrize(
    "model_name", ["municipality", "county", "policeregion", "localpolicearea", "coordinatorscope"]
)
def test_reference_changelists_query_count_is_constant(
    client, django_assert_num_queries, model_name
):
    world = World()
    user = world.superuser
    url = admin_url("municipalities", model_name, "changelist")
    if model_name == "coordinatorscope":
        for index in range(20):
            other = get_user_model().objects.create_user(f"s{index}")
            set_coordinator_scope(
                user=other, municipalities=world.municipalities, police_areas=[world.area]
            )
    same_queries_for_2_and_20(client, django_assert_num_queries, world, user, url)


def test_report_change_page_query_count_does_not_grow_with_activities(
    client, django_assert_num_queries
):
    world = World()
    world.add(1)
    report = FollowUpReport.objects.get(period__municipality=world.municipalities[0])
    url = admin_url("followup", "followupreport", "change", report.pk)

    def add_activities():
        for _ in range(11):
            ActivityStatusFactory(report=report, activity=ActivityFactory(period=report.period))

    response = queries_do_not_grow(
        client, django_assert_num_queries, world.coordinator, url, grow=add_activities
    )
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 12


def test_period_change_page_query_count_does_not_grow_with_its_parts(
    client, django_assert_num_queries
):
    world = World()
    world.add(1)
    period = PromisePeriod.objects.get(municipality=world.municipalities[0])
    url = admin_url("promises", "promiseperiod", "change", period.pk)
    promise = period.promises.first()

    def add_parts():
        for _ in range(10):
            GoalFactory(period=period, promise=promise)
            ActivityFactory(period=period, promise=promise)
            PromiseFactory(period=period)

    queries_do_not_grow(client, django_assert_num_queries, world.coordinator, url, grow=add_parts)
