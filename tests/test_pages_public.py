"""The public pages: what a citizen sees on each, from the source pages' content."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from promises.models import PromisePeriod
from tests.factories import (
    CooperationAgreementFactory,
    FollowUpReportFactory,
    PromisePeriodFactory,
)
from tests.helpers import get, period_url, report_url, text_of

# --- Every page -------------------------------------------------------------------------

SEEDED_PAGES = [
    reverse("portal:home"),
    reverse("portal:about"),
    reverse("portal:search") + "?q=trygghet",
    reverse("portal:county", kwargs={"slug": "stockholms-lan"}),
    reverse("portal:municipality", kwargs={"slug": "jarfalla"}),
    reverse("portal:municipality", kwargs={"slug": "jonkoping"}),
    reverse("portal:municipality", kwargs={"slug": "sollentuna"}),
    period_url("jarfalla", "2019-2020"),
    period_url("jonkoping", "2017"),
    report_url("jonkoping", "2018-2019", 2019, 1),
    reverse("portal:police-area", kwargs={"slug": "sollentuna"}),
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
        get(client, "portal:municipality", slug="jarfalla")
    )
    # Jönköping's page shows none of Järfälla's data.
    assert "5 mars 2031" not in text_of(get(client, "portal:municipality", slug="jonkoping"))


# --- Start page --------------------------------------------------------------------------


def test_home_explains_offers_search_and_lists_every_county(client, seed_content):
    response = get(client, "portal:home")
    text = text_of(response)
    assert "Ett medborgarlöfte är vad polisen och kommunen tillsammans lovar" in text
    assert 'name="q"' in response.content.decode()
    for county in ("Stockholms län", "Jönköpings län", "Norrbottens län", "Skåne län"):
        assert county in text
    html = response.content.decode()
    assert f'href="{reverse("portal:county", kwargs={"slug": "stockholms-lan"})}"' in html
    # All 290 municipalities are listed; those with a promise say so in words.
    assert html.count('href="/kommuner/') >= 290
    assert re.search(r'href="/kommuner/jarfalla/">Järfälla</a> <span class="tag">', html)
    assert 'href="/kommuner/kiruna/">Kiruna</a></li>' in html
    assert "Kommuner med medborgarlöfte Järfälla Jönköping Sollentuna" in text


def test_home_lists_the_latest_published_follow_ups(client, seed_content):
    # The seed's reports are empty (their sources give no status), and the start page
    # lists only reports that say something: give two of them a summary.
    from followup.models import FollowUpReport

    jonkoping = FollowUpReport.objects.filter(period__municipality__slug="jonkoping")
    jonkoping.filter(year=2019, tertial=1).update(summary="Trygghetsvandringar genomförda.")
    jonkoping.filter(year=2018, tertial=3).update(summary="Arbetet har börjat.")
    text = text_of(get(client, "portal:home"))
    assert "Senaste uppföljningarna" in text
    assert "Jönköping: uppföljning tertial 1 2019" in text
    assert text.index("tertial 1 2019") < text.index("tertial 3 2018")


def test_home_hides_drafts(client, seed_content):
    draft = PromisePeriodFactory(
        municipality__name="Utkastby",
        status="draft",
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    FollowUpReportFactory(period=draft, year=2030, tertial=1, status="published")
    jarfalla = PromisePeriod.objects.get(municipality__slug="jarfalla", slug="2024")
    FollowUpReportFactory(period=jarfalla, year=2024, tertial=2, status="draft")
    html = get(client, "portal:home").content.decode()
    assert f">{draft.municipality.name}</a></li>" in html  # listed, but not marked
    assert "tertial 2 2024" not in html
    assert "2030" not in html


# --- County and police area -----------------------------------------------------------


def test_county_lists_its_municipalities_and_their_promises(client, seed_content):
    text = text_of(get(client, "portal:county", slug="stockholms-lan"))
    assert "Stockholms län" in text
    assert "Järfälla: Medborgarlöfte 2024" in text
    assert "Sollentuna: Medborgarlöfte 2023–2024" in text
    assert "Upplands Väsby" in text and "Vallentuna" in text
    assert "Jönköping" not in text


def test_unknown_county_is_404(client, db):
    get(client, "portal:county", status=404, slug="finns-inte")


def test_police_area_lists_the_municipalities_it_serves_and_their_promises(client, seed_content):
    response = get(client, "portal:police-area", slug="sollentuna")
    text = text_of(response)
    assert "Lokalpolisområde Sollentuna" in text
    for name in ("Sollentuna", "Upplands Väsby", "Sigtuna"):
        assert name in text
    assert "Medborgarlöfte 2023–2024" in text
    assert period_url("sollentuna", "2023-2024") in response.content.decode()
    assert text.count("Inget publicerat medborgarlöfte ännu.") == 2


def test_unknown_police_area_is_404(client, db):
    get(client, "portal:police-area", status=404, slug="finns-inte")


# --- Municipality -----------------------------------------------------------------------


def test_jarfalla_shows_its_latest_promise_first_then_earlier_agreement_and_area(
    client, seed_content
):
    response = get(client, "portal:municipality", slug="jarfalla")
    text = text_of(response)
    html = response.content.decode()
    # No period is in force on 2026-11-21: the newest is shown, labelled with its year.
    assert "Senaste medborgarlöftet (2024)" in text
    assert "gällde till och med 2024" in text  # known by years only (issue 14)
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
    text = text_of(get(client, "portal:municipality", slug="jonkoping"))
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
    text = text_of(get(client, "portal:municipality", slug="sollentuna"))
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
    text = text_of(get(client, "portal:municipality", slug=current.municipality.slug))
    assert f"Gällande medborgarlöfte ({today.year})" in text
    assert "(gäller nu)" in text
    assert "Kommande medborgarlöften Medborgarlöfte framåt" in text


def test_municipality_without_a_published_promise_says_so_and_points_to_its_area(
    client, seed_content
):
    text = text_of(get(client, "portal:municipality", slug="sigtuna"))
    assert "Det finns inget publicerat medborgarlöfte för Sigtuna ännu." in text
    assert "Kommunen hör till lokalpolisområde Sollentuna." in text


def test_municipality_without_a_recorded_police_area_never_guesses_one(client, seed_content):
    text = text_of(get(client, "portal:municipality", slug="kiruna"))
    assert "Det finns inget publicerat medborgarlöfte för Kiruna ännu." in text
    assert "Lokalpolisområdet är inte registrerat ännu" in text


def test_municipality_hides_draft_periods_reports_and_agreements(client, db):
    draft = PromisePeriodFactory(status="draft", lead="Hemligt utkast.")
    CooperationAgreementFactory(
        municipality=draft.municipality,
        police_area=draft.police_area,
        status="draft",
        title="Hemlig överenskommelse",
    )
    text = text_of(get(client, "portal:municipality", slug=draft.municipality.slug))
    assert "Hemligt utkast" not in text and "Hemlig överenskommelse" not in text
    assert f"Det finns inget publicerat medborgarlöfte för {draft.municipality.name}" in text


def test_unknown_municipality_is_a_swedish_404_in_the_site_layout(client, db):
    response = get(client, "portal:municipality", status=404, slug="finns-inte")
    text = text_of(response)
    assert "Sidan finns inte" in text
    assert "Påtala bristande tillgänglighet" in text
    assert '<html lang="sv">' in response.content.decode()
