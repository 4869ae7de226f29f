"""Public pages of one promise: the period, agreement and follow-up report pages, and
the about page, sitemap, robots.txt and error pages."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from followup.models import FollowUpReport
from portal.report import report_response
from portal.views import period_response, server_error
from tests.factories import (
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
from tests.helpers import get, period_url, report_url, text_of

# --- Promise period ---------------------------------------------------------------------


def test_period_page_shows_the_whole_promise(client, seed_content):
    response = client.get(period_url("jarfalla", "2019-2020"))
    text = text_of(response)
    assert "Medborgarlöfte 2019–2020 i Järfälla" in text
    # Known only by years in the source (issue 14): no invented first and last days.
    assert "Gäller 2019–2020 (har upphört)" in text
    assert "Lägesbilden Situationen vid stationsområdet" in text
    assert "Underlag Lokala medborgarlöften utgår ifrån genomförda medborgardialoger" in text
    assert "Öka tryggheten vid stationsområdet i Jakobsberg" in text
    assert "Ska vara uppnått senast 31 december 2020." in text
    assert "kameraövervakas" in text
    assert "Kommunen ansvarar för nattvandringar på helger och lov. Ansvarig: Kommunen" in text
    assert "Ökad polisiär närvaro i centrala Jakobsberg. Ansvarig: Polisen" in text
    # The standard explainer, in full, as on the source page.
    for heading in (
        "Vad är medborgarlöften?",
        "Varför medborgarlöften?",
        "Vad är medborgardialoger?",
    ):
        assert heading in text
    assert "Andra medborgarlöften i Järfälla Medborgarlöfte 2024" in text
    assert "Ingen uppföljning publicerades för det här medborgarlöftet." in text


def test_period_with_a_source_note_shows_it_and_its_follow_up(client, seed_content):
    response = client.get(period_url("jonkoping", "2017"))
    text = text_of(response)
    assert "Om uppgifterna: Det enda som är känt om det här medborgarlöftet" in text
    assert report_url("jonkoping", "2017", 2017, 3) in response.content.decode()


def test_jonkoping_2018_2019_groups_activities_under_their_promises(client, seed_content):
    text = text_of(client.get(period_url("jonkoping", "2018-2019")))
    first = text.index("Skapa förutsättningar för en drogfri miljö")
    second = text.index("Arbeta med trygghetsskapande åtgärder i centrala delar")
    assert first < text.index("hundsök i skolor") < second
    assert second < text.index("förbättra belysningen i centrum")
    assert "Kommunen tillsammans med föreningar" in text
    assert "Samarbetsparter Föreningar" in text


def test_draft_and_unknown_periods_are_404(client, seed_content):
    draft = PromisePeriodFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(period_url("jarfalla", "1999")).status_code == 404
    # A real period under another municipality's address does not exist.
    assert client.get(period_url("sollentuna", "2019-2020")).status_code == 404


def test_period_preview_shows_a_draft_with_a_notice_and_keeps_it_private(rf, db):
    draft = PromisePeriodFactory(status="draft", lead="Ett utkast till löfte.")
    ActivityFactory(period=draft, text="Polisen ska öva.")
    request = rf.get("/forhandsvisning/")
    response = period_response(request, draft, preview=True)
    html = response.content.decode()
    assert "Förhandsvisning – utkastet är inte publicerat" in html
    assert "Ett utkast till löfte." in html and "Polisen ska öva." in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"
    public = period_response(rf.get("/"), PromisePeriodFactory())
    assert "Förhandsvisning" not in public.content.decode()
    assert "X-Robots-Tag" not in public


# --- Agreement --------------------------------------------------------------------------


def test_agreement_page_shows_summary_focus_areas_body_and_quote(client, seed_content):
    response = get(client, "portal:municipality", slug="jarfalla")
    url = re.search(
        r'href="(/kommuner/jarfalla/samverkansoverenskommelser/\d+/)"', response.content.decode()
    ).group(1)
    text = text_of(client.get(url))
    assert "Järfälla kommun och Polisen tecknar ny samverkansöverenskommelse" in text
    assert "Gäller 18 november 2021 – 31 december 2022" in text
    assert "Kan förlängas Ja" in text
    for area in (
        "Ökad trygghet i offentlig miljö",
        "Stoppa nyrekrytering till kriminella gäng",
        "Målinriktat arbete i syfte att omklassificera utsatta områden",
        "Samverkan kring operativa resurser",
    ):
        assert area in text
    assert "trygghetskontoret i Jakobsberg vid tio tillfällen under året" in text
    assert "Jag är väldigt glad över att den nya samverkansöverenskommelsen" in text
    assert "– Emma Feldman (M), kommunstyrelsens ordförande i Järfälla kommun" in text


def test_draft_and_misplaced_agreements_are_404(client, db):
    draft = CooperationAgreementFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    published = CooperationAgreementFactory()
    other = MunicipalityFactory()
    url = reverse("portal:agreement", kwargs={"municipality_slug": other.slug, "pk": published.pk})
    assert client.get(url).status_code == 404


# --- Follow-up report -------------------------------------------------------------------


def test_report_without_statuses_says_so_honestly_and_links_its_neighbours(client, seed_content):
    response = client.get(report_url("jonkoping", "2018-2019", 2019, 1))
    text = text_of(response)
    assert "Uppföljning tertial 1 2019" in text
    assert "1 januari – 30 april 2019" in text
    assert "Ingen sammanfattning är publicerad för den här uppföljningen." in text
    assert "Det finns ingen status per aktivitet publicerad för den här uppföljningen." in text
    assert "Föregående uppföljning Uppföljning tertial 3 2018" in text
    assert "Nästa uppföljning" not in text
    html = response.content.decode()
    assert report_url("jonkoping", "2018-2019", 2018, 3) in html
    assert period_url("jonkoping", "2018-2019") in html


@pytest.fixture
def report_with_statuses(db):
    period = PromisePeriodFactory(
        title="Medborgarlöfte 2024", lead="Polis och kommun lovar trygghet."
    )
    promise = PromiseFactory(period=period, title="Tryggare centrum")
    counted = ActivityFactory(
        period=period,
        promise=promise,
        text="Gemensamma krogtillsyner.",
        responsible="gemensamt",
        target_count=4,
        target_unit="tillfällen",
    )
    walking = ActivityFactory(period=period, promise=promise, text="Fotpatrullering i centrum.")
    general = ActivityFactory(
        period=period, text="Kommunen informerar om grannsamverkan.", responsible="kommunen"
    )
    unreported = ActivityFactory(period=period, text="Trygghetsvandring i parken.")
    FollowUpReportFactory(period=period, year=2024, tertial=1)
    report = FollowUpReportFactory(
        period=period, year=2024, tertial=2, summary="Arbetet går enligt plan."
    )
    FollowUpReportFactory(period=period, year=2024, tertial=3)
    ActivityStatusFactory(
        report=report,
        activity=counted,
        status="genomford",
        achieved_count=4,
        comment="Fyra tillsyner <b>genomförda</b>.",
    )
    ActivityStatusFactory(
        report=report, activity=walking, status="forsenad", comment="Personalbrist i juli."
    )
    ActivityStatusFactory(report=report, activity=general, status="pagar")
    return report, unreported


def test_report_shows_every_activity_status_grouped_with_a_progress_figure(
    client, report_with_statuses
):
    report, unreported = report_with_statuses
    response = client.get(report.get_absolute_url())
    text = text_of(response)
    html = response.content.decode()
    assert "Uppföljning tertial 2 2024" in text
    assert "1 maj – 31 augusti 2024" in text
    assert "Sammanfattning Arbetet går enligt plan." in text
    # Progress figure: every status with its count written out.
    assert "Status för 4 aktiviteter, uppföljning tertial 2 2024" in text
    assert "3 av 4 aktiviteter har en uppgift i uppföljningen" in text
    for label, count in (
        ("Genomförd", 1),
        ("Pågår", 1),
        ("Försenad", 1),
        ("Ej påbörjad", 0),
        ("Ingen uppgift", 1),  # issue 14: "Ingen uppgift" replaces "Ingen status angiven"
    ):
        assert f"{label} {count} av 4" in text
    assert 'width="25.0"' in html and 'aria-hidden="true"' in html
    # Statuses grouped by promise, then the period's own activities.
    assert text.index("Tryggare centrum") < text.index("Gemensamma krogtillsyner.")
    assert text.index("Fotpatrullering") < text.index("Aktiviteter för hela medborgarlöftet")
    assert "Gemensamma krogtillsyner. Ansvarig: Polisen och kommunen gemensamt" in text
    # Issue 14: the target and what was achieved, in words.
    assert "Genomförd Mål: minst 4 tillfällen. Uppnått: 4 – målet är nått." in text
    assert "Fyra tillsyner &lt;b&gt;genomförda&lt;/b&gt;." in html
    assert "Försenad Personalbrist i juli." in text
    assert "målet är nått. Fyra tillsyner" in text
    assert f"{unreported.text} Ansvarig: Polisen Ingen uppgift" in text
    assert "Föregående uppföljning Uppföljning tertial 1 2024" in text
    assert "Nästa uppföljning Uppföljning tertial 3 2024" in text


def test_report_neighbours_skip_drafts(client, report_with_statuses):
    report, _ = report_with_statuses
    FollowUpReport.objects.filter(period=report.period, tertial=3).update(status="draft")
    text = text_of(client.get(report.get_absolute_url()))
    assert "Nästa uppföljning" not in text
    assert "Föregående uppföljning" in text


def test_draft_reports_and_reports_of_draft_periods_are_404(client, report_with_statuses):
    report, _ = report_with_statuses
    FollowUpReport.objects.filter(pk=report.pk).update(status="draft")
    assert client.get(report.get_absolute_url()).status_code == 404
    other = FollowUpReportFactory(period=PromisePeriodFactory(status="draft"))
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(report_url("jarfalla", "2024", 2024, 3)).status_code == 404


def test_report_preview_shows_a_draft_with_a_notice(rf, report_with_statuses):
    report, _ = report_with_statuses
    report.status = "draft"
    response = report_response(rf.get("/"), report, preview=True)
    assert "Förhandsvisning – utkastet är inte publicerat" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"


# --- About, sitemap, robots, errors ------------------------------------------------------


def test_about_page_has_the_standard_explainer(client, db):
    text = text_of(get(client, "portal:about"))
    for heading in (
        "Vad är medborgarlöften?",
        "Varför medborgarlöften?",
        "Vad är medborgardialoger?",
    ):
        assert heading in text
    assert "Senast uppdaterad: 21 november 2026" in text


def test_sitemap_lists_published_pages_only(client, seed_content):
    draft = PromisePeriodFactory(status="draft")
    xml = client.get("/sitemap.xml").content.decode()
    for path in (
        reverse("portal:home"),
        reverse("portal:about"),
        reverse("portal:county", kwargs={"slug": "jonkopings-lan"}),
        reverse("portal:municipality", kwargs={"slug": "jarfalla"}),
        reverse("portal:police-area", kwargs={"slug": "sodra-vatterbygden"}),
        period_url("jarfalla", "2019-2020"),
        report_url("jonkoping", "2017", 2017, 3),
        "/kommuner/jarfalla/samverkansoverenskommelser/",
    ):
        assert f"{path}" in xml
    assert "/kommuner/kiruna/<" not in xml
    assert draft.get_absolute_url() not in xml
    assert "<lastmod>" in xml


def test_robots_txt_allows_all_but_admin_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body and "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_500_page_renders_in_the_site_layout_without_the_database(django_assert_num_queries, db):
    from config import urls

    # config.views.server_error answers 503 for a database error, this page otherwise.
    assert urls.handler500 == "config.views.server_error"
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Tekniskt fel" in html and "<title>Tekniskt fel – Medborgarlöften</title>" in html
    assert "Begär att få otillgängligt innehåll levererat i alternativt format" in html


def test_goal_deadlines_and_period_level_goals_are_shown(client, db):
    period = PromisePeriodFactory()
    GoalFactory(period=period, text="Ingen öppen drogscen.", deadline=datetime.date(2024, 6, 30))
    LocalPoliceAreaFactory(municipalities=[period.municipality])
    text = text_of(client.get(period.get_absolute_url()))
    assert "Det här ska vi göra Mål: Ingen öppen drogscen." in text
    assert "Ska vara uppnått senast 30 juni 2024." in text
