"""Signatories on the seed content, whose sources name none: so that every open data
table has rows in the tests that go through all of them."""

from promises.models import AgreementSignatory, CooperationAgreement, PeriodSignatory, PromisePeriod


def add_signatories(name="Anna Andersson"):
    period = PromisePeriod.objects.public().order_by("pk").first()
    PeriodSignatory.objects.create(period=period, name=name, role="kommunstyrelsens ordförande")
    agreement = CooperationAgreement.objects.public().order_by("pk").first()
    AgreementSignatory.objects.create(agreement=agreement, name=name, organisation="Polisen")
