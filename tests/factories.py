"""Small factories for test data; fixtures/ holds only real reference data and sources."""

import datetime

import factory

from core.publishing import PublicationStatus
from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod


class PoliceRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceRegion
        django_get_or_create = ["slug"]

    slug = "testregion"
    name = "Testregion"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County

    code = factory.Sequence(lambda n: f"{50 + n % 50:02d}")
    name = factory.Sequence(lambda n: f"Testlän {n}")
    slug = factory.Sequence(lambda n: f"testlan-{n}")
    police_region = factory.SubFactory(PoliceRegionFactory)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")
    county = factory.SubFactory(CountyFactory)


class LocalPoliceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalPoliceArea
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testområde {n}")
    slug = factory.Sequence(lambda n: f"testomrade-{n}")
    police_region = factory.SubFactory(PoliceRegionFactory)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.add(*extracted)


class PromisePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromisePeriod

    municipality = factory.SubFactory(MunicipalityFactory)
    police_area = factory.LazyAttribute(
        lambda o: LocalPoliceAreaFactory(municipalities=[o.municipality])
    )
    title = "Medborgarlöfte 2024"
    starts_on = datetime.date(2024, 1, 1)
    ends_on = datetime.date(2024, 12, 31)
    lead = "Polis och kommun lovar att arbeta för en tryggare kommun."
    status = PublicationStatus.PUBLISHED


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    period = factory.SubFactory(PromisePeriodFactory)
    title = factory.Sequence(lambda n: f"Löfte {n}")
    order = factory.Sequence(lambda n: n)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    period = factory.SubFactory(PromisePeriodFactory)
    text = "Platsen ska upplevas som trygg."
    deadline = datetime.date(2024, 12, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    period = factory.SubFactory(PromisePeriodFactory)
    text = factory.Sequence(lambda n: f"Polisen ska genomföra insats nummer {n}.")
    responsible = "polisen"
    order = factory.Sequence(lambda n: n)


class CooperationAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    municipality = factory.SubFactory(MunicipalityFactory)
    police_area = factory.LazyAttribute(
        lambda o: LocalPoliceAreaFactory(municipalities=[o.municipality])
    )
    title = "Samverkansöverenskommelse"
    valid_from = datetime.date(2024, 1, 1)
    valid_to = datetime.date(2025, 12, 31)
    status = PublicationStatus.PUBLISHED


class FollowUpReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpReport

    period = factory.SubFactory(PromisePeriodFactory)
    year = 2024
    tertial = 1
    summary = "Arbetet har kommit i gång."
    status = PublicationStatus.PUBLISHED


class ActivityStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityStatus

    report = factory.SubFactory(FollowUpReportFactory)
    activity = factory.LazyAttribute(lambda o: ActivityFactory(period=o.report.period))
    status = "pagar"
