"""Issue 14 in the coordinators' admin: signatories inline, date precision and
announcement checked in Swedish, may-be-extended as three choices."""

import pytest

from promises.models import CooperationAgreement, PeriodSignatory, PromisePeriod

from .admin_helpers import admin_url, errors_of, form_data
from .helpers import html_of

pytestmark = pytest.mark.django_db


def change(client, corner, model, obj, **values):
    url = admin_url("promises", model, "change", obj.pk)
    client.force_login(corner.coordinator)
    data = {**form_data(client.get(url)), **values}
    return client.post(url, data)


def test_a_coordinator_records_signatories_and_a_signing_month(client, corner):
    response = change(
        client,
        corner,
        "promiseperiod",
        corner.period,
        signed_on="2024-01-01",
        signed_precision="month",
        **{
            "signatories-TOTAL_FORMS": "2",
            "signatories-1-name": "Anna Andersson",
            "signatories-1-role": "kommunstyrelsens ordförande",
            "signatories-1-organisation": "Alfakommun",
            "signatories-1-order": "1",
        },
    )
    assert response.status_code == 302, errors_of(response)
    corner.period.refresh_from_db()
    assert corner.period.signed_label == "januari 2024"
    names = set(PeriodSignatory.objects.filter(period=corner.period).values_list("name", flat=True))
    assert "Anna Andersson" in names


def test_year_precision_with_mid_year_dates_is_refused_in_swedish(client, corner):
    response = change(
        client,
        corner,
        "promiseperiod",
        corner.period,
        starts_on="2024-03-01",
        dates_precision="year",
    )
    assert response.status_code == 200
    assert any(
        "När bara åren är kända börjar perioden den 1 januari." in e for e in errors_of(response)
    )
    corner.period.refresh_from_db()
    assert corner.period.dates_precision == "day"


def test_an_announcement_needs_its_text(client, corner):
    response = change(client, corner, "promiseperiod", corner.period, announced="on")
    assert response.status_code == 200
    assert any("Skriv aviseringen" in e for e in errors_of(response))
    assert not PromisePeriod.objects.filter(announced=True).exists()


def test_may_be_extended_offers_yes_no_and_not_stated(client, corner):
    url = admin_url("promises", "cooperationagreement", "change", corner.agreement.pk)
    client.force_login(corner.coordinator)
    html = html_of(client.get(url))
    for label in ("Ja", "Nej", "Framgår inte"):
        assert f">{label}</option>" in html
    response = change(
        client, corner, "cooperationagreement", corner.agreement, may_be_extended="nej"
    )
    assert response.status_code == 302, errors_of(response)
    assert CooperationAgreement.objects.get(pk=corner.agreement.pk).may_be_extended == "nej"
