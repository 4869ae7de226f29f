"""Issue 14 on the pages: activities grouped by who promises, targets in words, the
activity × tertial table, the periods compared, signatories and announcements."""

import datetime
import re

import pytest
from django.urls import reverse

from followup.models import ActivityStatus
from promises.models import Activity, DatePrecision, PeriodSignatory

from .factories import (
    ActivityFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    MunicipalityFactory,
    PromiseFactory,
    PromisePeriodFactory,
)
from .helpers import html_of, period_url, text_of

pytestmark = pytest.mark.django_db
D = datetime.date


def headings_in(html, tag):
    return re.findall(rf'<{tag} class="promiser">([^<]+)</{tag}>', html)


def test_jonkoping_2020_groups_activities_by_who_promises(client, seed_content):
    html = html_of(client.get(period_url("jonkoping", "2020")))
    # In the order the source first names each party.
    assert headings_in(html, "h3") == [
        "Polisen lovar",
        "Polisen och kommunen lovar",
        "Kommunen lovar",
    ]
    text = text_of(client.get(period_url("jonkoping", "2020")))
    police = text.index("Polisen lovar")
    both = text.index("Polisen och kommunen lovar")
    municipality = text.index("Kommunen lovar")
    # Each activity under its party, in source order within the party.
    assert police < text.index("Polisen ska genomföra en enkätundersökning") < both
    assert police < text.index("Polisen ska arbeta med synlighet") < both
    assert both < text.index("Kommunen och Polisen ska genomföra gemensamma") < municipality
    assert municipality < text.index("Kommunens strategiska säkerhetsgrupp")


def test_jarfalla_2024_has_both_then_police(client, seed_content):
    html = html_of(client.get(period_url("jarfalla", "2024")))
    assert headings_in(html, "h3") == ["Polisen och kommunen lovar", "Polisen lovar"]


def test_a_coordinator_may_keep_the_source_order(client):
    period = PromisePeriodFactory(keep_source_order=True)
    ActivityFactory(period=period, text="Först polisen.", responsible="polisen")
    ActivityFactory(period=period, text="Sedan kommunen.", responsible="kommunen")
    ActivityFactory(period=period, text="Sist polisen igen.", responsible="polisen")
    html = html_of(client.get(period.get_absolute_url()))
    assert headings_in(html, "h3") == []
    text = text_of(client.get(period.get_absolute_url()))
    assert text.index("Först polisen") < text.index("Sedan kommunen") < text.index("Sist")


def test_a_partner_promises_under_its_own_name(client):
    period = PromisePeriodFactory()
    ActivityFactory(period=period, responsible="annan", partner_name="Vätterhem")
    assert headings_in(html_of(client.get(period.get_absolute_url())), "h3") == ["Vätterhem lovar"]


def measured_period(achieved):
    period = PromisePeriodFactory()
    activity = ActivityFactory(
        period=period, target_count=50, target_unit="trafikkontroller", text="Kontroller."
    )
    report = FollowUpReportFactory(period=period, year=2024, tertial=1)
    ActivityStatus.objects.create(
        report=report, activity=activity, status="pagar", achieved_count=achieved
    )
    return period, report


@pytest.mark.parametrize(
    ("achieved", "words"),
    [
        (52, "Mål: minst 50 trafikkontroller. Uppnått: 52 – målet är nått."),
        (30, "Mål: minst 50 trafikkontroller. Uppnått: 30 av 50 – målet är inte nått ännu."),
    ],
)
def test_target_met_or_not_in_words_on_report_and_period(client, achieved, words):
    period, report = measured_period(achieved)
    assert words in text_of(client.get(report.get_absolute_url()))
    assert words in text_of(client.get(period.get_absolute_url()))


def test_the_report_says_how_many_activities_the_follow_up_mentions(client):
    period = PromisePeriodFactory()
    report = FollowUpReportFactory(period=period, year=2024, tertial=1)
    for status in ["genomford", "pagar", "forsenad", "ingen_uppgift", "ingen_uppgift"]:
        ActivityStatus.objects.create(
            report=report, activity=ActivityFactory(period=period), status=status
        )
    text = text_of(client.get(report.get_absolute_url()))
    assert "3 av 5 aktiviteter har en uppgift i uppföljningen" in text
    assert "Ingen uppgift 2 av 5" in text


def period_with(activity_count):
    period = PromisePeriodFactory(
        starts_on=D(2020, 1, 1), ends_on=D(2023, 12, 31), dates_precision=DatePrecision.YEAR
    )
    promise = PromiseFactory(period=period, title="Tryggare torg")
    activities = Activity.objects.bulk_create(
        Activity(
            period=period,
            promise=promise if n % 2 else None,
            text=f"Aktivitet {n}",
            responsible="polisen",
            order=n,
        )
        for n in range(activity_count)
    )
    reports = [
        FollowUpReportFactory(period=period, year=year, tertial=tertial)
        for year in range(2020, 2024)
        for tertial in (1, 2, 3)
    ]
    ActivityStatus.objects.bulk_create(
        ActivityStatus(report=report, activity=activity, status="genomford")
        for report in reports[1:]
        for activity in activities
    )
    return period


@pytest.mark.parametrize("activity_count", [2, 40])
def test_activity_by_tertial_table_query_count_is_constant(
    client, django_assert_num_queries, activity_count
):
    period = period_with(activity_count)
    with django_assert_num_queries(8):
        response = client.get(period.get_absolute_url())
    html = html_of(response)
    table = html[html.index('<table class="status-table progress-table">') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="col">') == 13  # the activity column and 12 tertials
    assert table.count('<th scope="row">') == activity_count
    assert '<th scope="colgroup" colspan="13"' in table
    text = text_of(response)
    assert "Aktivitet Tertial 1 2020 Tertial 2 2020" in text
    # Status in words in every cell; the first tertial says nothing about them.
    assert f"Aktivitet {activity_count - 1} Ingen uppgift Genomförd Genomförd" in text
    assert table.count("<td>Genomförd</td>") == 11 * activity_count


def test_municipality_page_compares_periods(client):
    municipality = MunicipalityFactory()
    old = PromisePeriodFactory(
        municipality=municipality, starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31), slug="2022"
    )
    new = PromisePeriodFactory(
        municipality=municipality,
        police_area=old.police_area,
        starts_on=D(2023, 1, 1),
        ends_on=D(2023, 12, 31),
        title="Medborgarlöfte 2023",
        slug="2023",
    )
    PromiseFactory(period=old)
    activities = [ActivityFactory(period=old) for _ in range(3)]
    report = FollowUpReportFactory(period=old, year=2022, tertial=3)
    ActivityStatus.objects.create(report=report, activity=activities[0], status="genomford")
    PromiseFactory(period=new)
    PromiseFactory(period=new)
    ActivityFactory(period=new)
    text = text_of(client.get(municipality.get_absolute_url()))
    assert "Perioderna jämförda" in text
    assert "Medborgarlöfte 2023 2 1 0 av 1" in text
    assert "Medborgarlöfte 2024 1 3 1 av 3" in text  # the factory's title for `old`


def test_announced_period_is_shown_as_announced_never_as_a_promise(client):
    municipality = MunicipalityFactory()
    announced = PromisePeriodFactory(
        municipality=municipality,
        title="Medborgarlöfte 2025–2027",
        starts_on=D(2025, 1, 1),
        ends_on=D(2027, 12, 31),
        announced=True,
        announcement="medborgarlöften 2025–2027 undertecknas våren 2025",
    )
    ActivityFactory(period=announced, text="Hemlig aktivitet.")
    text = text_of(client.get(municipality.get_absolute_url()))
    assert "Aviserat: medborgarlöften 2025–2027 undertecknas våren 2025" in text
    assert "Det finns inget publicerat medborgarlöfte" in text
    assert "Hemlig aktivitet" not in text
    assert client.get(announced.get_absolute_url()).status_code == 404
    search = text_of(client.get(reverse("portal:search"), {"q": "hemlig"}))
    assert "Hemlig aktivitet" not in search


def test_signatories_and_date_on_the_period_and_agreement_pages(client):
    period = PromisePeriodFactory(signed_on=D(2017, 1, 10))
    PeriodSignatory.objects.create(
        period=period, name="Anna Andersson", role="kommunstyrelsens ordförande"
    )
    text = text_of(client.get(period.get_absolute_url()))
    assert "Undertecknat 10 januari 2017 av Anna Andersson, kommunstyrelsens ordförande" in text
    assert '<time datetime="2017-01-10">' in html_of(client.get(period.get_absolute_url()))
    agreement = CooperationAgreementFactory(signed_on=D(2017, 1, 1), signed_precision="year")
    html = html_of(client.get(agreement.get_absolute_url()))
    assert 'Undertecknat</dt>\n  <dd><time datetime="2017">2017</time>' in html
    assert "Kan förlängas Framgår inte av överenskommelsen" in text_of(
        client.get(agreement.get_absolute_url())
    )


def test_seed_agreement_may_be_extended_as_its_source_says(client, seed_content):
    from promises.models import CooperationAgreement

    agreement = CooperationAgreement.objects.get(municipality__code="0123")
    assert "Kan förlängas Ja" in text_of(client.get(agreement.get_absolute_url()))
    text = text_of(client.get(agreement.municipality.get_absolute_url()))
    assert "(gäller 18 november 2021 – 31 december 2022, kan förlängas)" in text


def test_the_report_groups_statuses_by_who_promises_like_the_period_page(client):
    period = PromisePeriodFactory()
    report = FollowUpReportFactory(period=period, year=2024, tertial=1)
    for text, party in (
        ("A polis.", "polisen"),
        ("B kommun.", "kommunen"),
        ("C polis.", "polisen"),
    ):
        activity = ActivityFactory(period=period, text=text, responsible=party)
        ActivityStatus.objects.create(report=report, activity=activity, status="pagar")
    text = text_of(client.get(report.get_absolute_url()))
    assert text.index("Polisen lovar") < text.index("A polis.") < text.index("C polis.")
    assert text.index("C polis.") < text.index("Kommunen lovar") < text.index("B kommun.")
