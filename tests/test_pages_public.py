"""The public pages: what a citizen sees on each, from the source pages' content."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from followup.models import FollowUpReport
from followup.views import report_response
from promises.models import PromisePeriod
from promises.views import period_response, server_error
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


def text_of(response):
    """The page's text with tags removed and whitespace collapsed, as a reader gets it."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())
    return re.sub(r" ([.,:;)])", r"\1", text)


def get(client, name, status=200, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == status, response.status_code
    return response


def period_url(municipality, slug):
    return reverse("promises:period", kwargs={"municipality_slug": municipality, "slug": slug})


def report_url(municipality, period, year, tertial):
    return reverse(
        "followup:report",
        kwargs={
            "municipality_slug": municipality,
            "period_slug": period,
            "year": year,
            "tertial": tertial,
        },
    )


# --- Every page -------------------------------------------------------------------------

SEEDED_PAGES = [
    reverse("promises:home"),
    reverse("promises:about"),
    reverse("promises:search") + "?q=trygghet",
    reverse("promises:county", kwargs={"slug": "stockholms-lan"}),
    reverse("promises:municipality", kwargs={"slug": "jarfalla"}),
    reverse("promises:municipality", kwargs={"slug": "jonkoping"}),
    reverse("promises:municipality", kwargs={"slug": "sollentuna"}),
    period_url("jarfalla", "2019-2020"),
    period_url("jonkoping", "2017"),
    report_url("jonkoping", "2018-2019", 2019, 1),
    reverse("promises:police-area", kwargs={"slug": "sollentuna"}),
]


@pytest.mark.parametrize("url", SEEDED_PAGES)
def test_every_page_has_the_shared_layout_and_a_swedish_last_updated_date(
    client, seed_content, url
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert html.index('class="skip-link"') < html.index("<header")
    assert html.count("<h1") == 1
    assert '<main id="main"' in html
    assert 'aria-label="Brödsmulor"' in html
    assert 'aria-current="page"' in html
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="' in html
    text = text_of(response)
    for link in (
        "Tillgänglighetsredogörelse",
        "Påtala bristande tillgänglighet",
        "Begär att få otillgängligt innehåll levererat i alternativt format",
    ):
        assert link in text
    assert re.search(
        r"Senast uppdaterad: \d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|"
        r"september|oktober|november|december) \d{4}",
        text,
    ), text[-400:]


def test_last_updated_is_the_newest_data_the_page_shows(client, seed_content):
    period = PromisePeriod.objects.get(municipality__slug="jarfalla", slug="2024")
    PromisePeriod.objects.filter(pk=period.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2031, 3, 5, 12))
    )
    assert "Senast uppdaterad: 5 mars 2031" in text_of(
        get(client, "promises:municipality", slug="jarfalla")
    )
    # Jönköping's page shows none of Järfälla's data.
    assert "5 mars 2031" not in text_of(get(client, "promises:municipality", slug="jonkoping"))


# --- Start page --------------------------------------------------------------------------


def test_home_explains_offers_search_and_lists_every_county(client, seed_content):
    response = get(client, "promises:home")
    text = text_of(response)
    assert "Ett medborgarlöfte är vad polisen och kommunen tillsammans lovar" in text
    assert 'name="q"' in response.content.decode()
    for county in ("Stockholms län", "Jönköpings län", "Norrbottens län", "Skåne län"):
        assert county in text
    html = response.content.decode()
    assert f'href="{reverse("promises:county", kwargs={"slug": "stockholms-lan"})}"' in html
    # All 290 municipalities are listed; those with a promise say so in words.
    assert html.count('href="/kommuner/') >= 290
    assert re.search(r'href="/kommuner/jarfalla/">Järfälla</a> <span class="tag">', html)
    assert 'href="/kommuner/kiruna/">Kiruna</a></li>' in html
    assert "Kommuner med medborgarlöfte Järfälla Jönköping Sollentuna" in text


def test_home_lists_the_latest_published_follow_ups(client, seed_content):
    text = text_of(get(client, "promises:home"))
    assert "Senaste uppföljningarna" in text
    assert "Jönköping: uppföljning tertial 1 2019" in text
    assert text.index("tertial 1 2019") < text.index("tertial 3 2018")


def test_home_hides_drafts(client, seed_content):
    draft = PromisePeriodFactory(
        municipality__name="Utkastby", status="draft", starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )  # fmt: skip
    FollowUpReportFactory(period=draft, year=2030, tertial=1, status="published")
    jarfalla = PromisePeriod.objects.get(municipality__slug="jarfalla", slug="2024")
    FollowUpReportFactory(period=jarfalla, year=2024, tertial=2, status="draft")
    html = get(client, "promises:home").content.decode()
    assert f">{draft.municipality.name}</a></li>" in html  # listed, but not marked
    assert "tertial 2 2024" not in html
    assert "2030" not in html


# --- County and police area -----------------------------------------------------------


def test_county_lists_its_municipalities_and_their_promises(client, seed_content):
    text = text_of(get(client, "promises:county", slug="stockholms-lan"))
    assert "Stockholms län" in text
    assert "Järfälla: Medborgarlöfte 2024" in text
    assert "Sollentuna: Medborgarlöfte 2023–2024" in text
    assert "Upplands Väsby" in text and "Vallentuna" in text
    assert "Jönköping" not in text


def test_unknown_county_is_404(client, db):
    get(client, "promises:county", status=404, slug="finns-inte")


def test_police_area_lists_the_municipalities_it_serves_and_their_promises(client, seed_content):
    response = get(client, "promises:police-area", slug="sollentuna")
    text = text_of(response)
    assert "Lokalpolisområde Sollentuna" in text
    for name in ("Sollentuna", "Upplands Väsby", "Sigtuna"):
        assert name in text
    assert "Medborgarlöfte 2023–2024" in text
    assert period_url("sollentuna", "2023-2024") in response.content.decode()
    assert text.count("Inget publicerat medborgarlöfte ännu.") == 2


def test_unknown_police_area_is_404(client, db):
    get(client, "promises:police-area", status=404, slug="finns-inte")


# --- Municipality -----------------------------------------------------------------------


def test_jarfalla_shows_its_latest_promise_first_then_earlier_agreement_and_area(
    client, seed_content
):
    response = get(client, "promises:municipality", slug="jarfalla")
    text = text_of(response)
    html = response.content.decode()
    # No period is in force on 2026-11-21: the newest is shown, labelled with its year.
    assert "Senaste medborgarlöftet (2024)" in text
    assert "gällde till och med 31 december 2024" in text
    assert "bedrägerier mot äldre" in text
    assert text.index("bedrägerier mot äldre") < text.index("Tidigare medborgarlöften")
    assert "Det här ska vi göra" in text
    assert "Ansvarig: Polisen och kommunen gemensamt" in text
    assert period_url("jarfalla", "2019-2020") in html
    assert "Järfälla kommun och Polisen tecknar ny samverkansöverenskommelse" in text
    assert "gäller 18 november 2021 – 31 december 2022, kan förlängas" in text
    assert "Lokalpolisområde Järfälla arbetar i Järfälla och Upplands-Bro" in text
    assert 'href="/kommuner/upplands-bro/"' in html
    assert "Vad är medborgarlöften?" in text


def test_jonkoping_groups_activities_and_lists_every_follow_up(client, seed_content):
    text = text_of(get(client, "promises:municipality", slug="jonkoping"))
    assert "Senaste medborgarlöftet (2020)" in text
    assert "Identifiera och arbeta förebyggande på otrygga platser i Jönköpings kommun" in text
    assert "Aktiviteterna gäller alla löften i medborgarlöftet." in text
    assert "Ansvarig: Kommunen tillsammans med Vätterhem" in text
    assert "Mål: minst 4 tillfällen" in text
    assert "Mål: minst 2 ärenden" in text
    assert "Samarbetsparter Vätterhem" in text
    for title in ("tertial 1 2019", "tertial 3 2018", "tertial 3 2017"):
        assert f"Uppföljning {title}" in text
    assert "Medborgarlöfte 2018–2019" in text and "Medborgarlöfte 2017" in text


def test_sollentuna_shows_effect_follow_up_method_and_the_area_s_other_municipalities(
    client, seed_content
):
    text = text_of(get(client, "promises:municipality", slug="sollentuna"))
    assert "Senaste medborgarlöftet (2023–2024)" in text
    assert "Lokalpolisområde Sollentuna har tagit fram en lokal lägesbild" in text
    assert "Stöd till särskilt utsatta brottsoffer" in text
    assert "Förväntad effekt Genom dessa åtgärder bidrar vi" in text
    assert "Så följs löftet upp" in text and "EST-avstämningar" in text
    assert "arbetar i Sigtuna, Sollentuna och Upplands Väsby" in text


def test_a_period_in_force_today_is_shown_first_as_the_current_one(client, db):
    today = timezone.localdate()
    current = PromisePeriodFactory(
        title=f"Medborgarlöfte {today.year}",
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
    )
    PromisePeriodFactory(
        municipality=current.municipality,
        police_area=current.police_area,
        title="Medborgarlöfte framåt",
        starts_on=today.replace(year=today.year + 1, month=1, day=1),
        ends_on=today.replace(year=today.year + 1, month=12, day=31),
    )
    text = text_of(get(client, "promises:municipality", slug=current.municipality.slug))
    assert f"Gällande medborgarlöfte ({today.year})" in text
    assert "(gäller nu)" in text
    assert "Kommande medborgarlöften Medborgarlöfte framåt" in text


def test_municipality_without_a_published_promise_says_so_and_points_to_its_area(
    client, seed_content
):
    text = text_of(get(client, "promises:municipality", slug="sigtuna"))
    assert "Det finns inget publicerat medborgarlöfte för Sigtuna ännu." in text
    assert "Kommunen hör till lokalpolisområde Sollentuna." in text


def test_municipality_without_a_recorded_police_area_never_guesses_one(client, seed_content):
    text = text_of(get(client, "promises:municipality", slug="kiruna"))
    assert "Det finns inget publicerat medborgarlöfte för Kiruna ännu." in text
    assert "Lokalpolisområdet är inte registrerat ännu" in text


def test_municipality_hides_draft_periods_reports_and_agreements(client, db):
    draft = PromisePeriodFactory(status="draft", lead="Hemligt utkast.")
    CooperationAgreementFactory(
        municipality=draft.municipality, police_area=draft.police_area, status="draft",
        title="Hemlig överenskommelse",
    )  # fmt: skip
    text = text_of(get(client, "promises:municipality", slug=draft.municipality.slug))
    assert "Hemligt utkast" not in text and "Hemlig överenskommelse" not in text
    assert f"Det finns inget publicerat medborgarlöfte för {draft.municipality.name}" in text


def test_unknown_municipality_is_a_swedish_404_in_the_site_layout(client, db):
    response = get(client, "promises:municipality", status=404, slug="finns-inte")
    text = text_of(response)
    assert "Sidan finns inte" in text
    assert "Påtala bristande tillgänglighet" in text
    assert '<html lang="sv">' in response.content.decode()


# --- Promise period ---------------------------------------------------------------------


def test_period_page_shows_the_whole_promise(client, seed_content):
    response = client.get(period_url("jarfalla", "2019-2020"))
    text = text_of(response)
    assert "Medborgarlöfte 2019–2020 i Järfälla" in text
    assert "Gäller 1 januari 2019 – 31 december 2020 (har upphört)" in text
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
    assert "Ingen uppföljning är publicerad ännu." in text


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
    response = get(client, "promises:municipality", slug="jarfalla")
    url = re.search(r'href="(/kommuner/jarfalla/samverkansoverenskommelser/\d+/)"',
                    response.content.decode()).group(1)  # fmt: skip
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
    url = reverse(
        "promises:agreement", kwargs={"municipality_slug": other.slug, "pk": published.pk}
    )
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
        period=period, promise=promise, text="Gemensamma krogtillsyner.",
        responsible="gemensamt", target_count=4, target_unit="tillfällen",
    )  # fmt: skip
    walking = ActivityFactory(period=period, promise=promise, text="Fotpatrullering i centrum.")
    general = ActivityFactory(period=period, text="Kommunen informerar om grannsamverkan.",
                              responsible="kommunen")  # fmt: skip
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
    ActivityStatusFactory(report=report, activity=walking, status="forsenad",
                          comment="Personalbrist i juli.")  # fmt: skip
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
    for label, count in (
        ("Genomförd", 1),
        ("Pågår", 1),
        ("Försenad", 1),
        ("Ej påbörjad", 0),
        ("Ingen status angiven", 1),
    ):
        assert f"{label} {count} av 4" in text
    assert 'width="25.0"' in html and 'aria-hidden="true"' in html
    # Statuses grouped by promise, then the period's own activities.
    assert text.index("Tryggare centrum") < text.index("Gemensamma krogtillsyner.")
    assert text.index("Fotpatrullering") < text.index("Aktiviteter för hela medborgarlöftet")
    assert "Gemensamma krogtillsyner. Ansvarig: Polisen och kommunen gemensamt" in text
    assert "Genomförd Uppnått: 4 av 4 tillfällen" in text
    assert "Fyra tillsyner &lt;b&gt;genomförda&lt;/b&gt;." in html
    assert "Försenad Personalbrist i juli." in text
    assert "Genomförd Uppnått: 4 av 4 tillfällen Fyra tillsyner" in text
    assert f"{unreported.text} Ansvarig: Polisen Ingen status angiven" in text
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
    text = text_of(get(client, "promises:about"))
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
        reverse("promises:home"),
        reverse("promises:about"),
        reverse("promises:county", kwargs={"slug": "jonkopings-lan"}),
        reverse("promises:municipality", kwargs={"slug": "jarfalla"}),
        reverse("promises:police-area", kwargs={"slug": "sodra-vatterbygden"}),
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

    assert urls.handler500 == "promises.views.server_error"
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
