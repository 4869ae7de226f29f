"""What a first-time visitor met on the public pages (the walkthrough at 375 and 320 px):
"Läget i landet" naming counties and saying "none" in words, soft hyphens at Swedish
compound joints, a start page that lists follow-ups with something in them, a printable
card that says the promise has ended and how to print from a phone, and an empty list
of follow-ups worded by the period's state."""

import datetime
import re

import pytest
from django.urls import reverse

from portal.templatetags.hyphens import hyphenate_text

from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    CountyFactory,
    FollowUpReportFactory,
    MunicipalityFactory,
    PoliceRegionFactory,
    PromisePeriodFactory,
)
from .helpers import html_of, text_of

pytestmark = pytest.mark.django_db
SHY = "\u00ad"
D = datetime.date


def current_period(**kwargs):
    """A period in force today, whatever today is: last year to next year."""
    year = datetime.date.today().year
    return PromisePeriodFactory(starts_on=D(year - 1, 1, 1), ends_on=D(year + 1, 12, 31), **kwargs)


# --- Läget i landet ----------------------------------------------------------------------
@pytest.fixture
def north(db):
    region = PoliceRegionFactory(slug="nord", name="Nord")
    county = CountyFactory(code="25", name="Norrbottens län", police_region=region)
    MunicipalityFactory(county=county, name="Kiruna")
    return county


def test_the_map_names_the_counties_not_their_codes(client, north):
    html = html_of(client.get(reverse("portal:overview")))
    tile_texts = re.findall(r'<text class="tile__text[^"]*"[^>]*>([^<]*)</text>', html)
    assert tile_texts == ["Norr-", "botten", "0 %"]
    # Nor does the table need the codes any more.
    assert "Norrbottens län (25)" not in text_of(client.get(reverse("portal:overview")))


def test_no_periods_to_follow_up_is_said_in_words_not_0_of_0(client, north):
    text = text_of(client.get(reverse("portal:overview")))
    assert "0 av 0" not in text
    assert "Gällande löften uppföljda för tertial" in text
    assert "Inga gällande löften i landet" in text
    assert "Inga gällande löften i länet" in text
    assert "Inga gällande löften i regionen" in text


def test_every_landmark_has_a_name_of_its_own(client, north):
    html = html_of(client.get(reverse("portal:overview")))
    label_ids = re.findall(r'<(?:section|div)\b[^>]*aria-labelledby="([^"]+)"', html)
    names = []
    for label_id in label_ids:
        found = re.search(rf'id="{label_id}"[^>]*>(.*?)</', html, re.S)
        names.append(" ".join(found.group(1).split()))
    assert "Per polisregion" in names
    assert len(names) == len(set(names)), names


# --- soft hyphens --------------------------------------------------------------------------
def test_compounds_break_at_their_joint_not_one_letter_off():
    assert hyphenate_text("Områdespoliserna").replace(SHY, "|") == "Om|rå|des|po|li|serna"
    assert hyphenate_text("kommuninvånare").replace(SHY, "|") == "kom|mun|in|vå|nare"
    # A lone vowel at a joint starts the second part.
    assert hyphenate_text("Tillgänglighetsärenden").replace(SHY, "|").endswith("hets|ären|den")


# --- the start page's latest follow-ups ----------------------------------------------------
def test_the_start_page_lists_follow_ups_that_say_something(client, db):
    told = FollowUpReportFactory(period=PromisePeriodFactory(title="Sagt 2024"), summary="")
    ActivityStatusFactory(report=told, status="genomford")
    FollowUpReportFactory(period=PromisePeriodFactory(title="Sammanfattat 2024"))
    empty = FollowUpReportFactory(period=PromisePeriodFactory(title="Tomt 2024"), summary="")
    ActivityStatusFactory(report=empty, status="ingen_uppgift", comment="")
    text = text_of(client.get(reverse("portal:home")))
    assert "(Sagt 2024)" in text
    assert "(Sammanfattat 2024)" in text
    assert "(Tomt 2024)" not in text


def test_only_empty_follow_ups_are_described_as_such(client, db):
    FollowUpReportFactory(summary="")
    text = text_of(client.get(reverse("portal:home")))
    section = text[text.index("Senaste uppföljningarna") :]
    assert section.startswith(
        "Senaste uppföljningarna Ingen uppföljning med en sammanfattning eller status för "
        "någon aktivitet är publicerad ännu."
    )


# --- the printable card --------------------------------------------------------------------
def card_text(client, period):
    url = reverse(
        "portal:period-card",
        kwargs={"municipality_slug": period.municipality.slug, "slug": period.slug},
    )
    return text_of(client.get(url))


def test_the_card_of_an_ended_promise_says_it_has_ended(client, db):
    ended = PromisePeriodFactory(starts_on=D(2022, 1, 1), ends_on=D(2023, 12, 31))
    ActivityFactory(period=ended)
    text = card_text(client, ended)
    assert "Det här medborgarlöftet har upphört. Det gällde till och med 31 december 2023." in text
    assert " lovade – " in text
    # A promise in force says nothing of the kind.
    text = card_text(client, current_period())
    assert "har upphört" not in text
    assert " lovar – " in text


def test_the_card_says_how_to_print_on_a_phone_too(client, db):
    text = card_text(client, current_period())
    assert "Använd webbläsarens utskriftsfunktion" in text
    assert "på en mobil eller surfplatta ”Skriv ut” i webbläsarens meny eller under ”Dela”" in text


# --- an empty list of follow-ups, by the period's state -------------------------------------
def test_an_ended_period_without_follow_ups_says_none_was_published(client, db):
    ended = PromisePeriodFactory(starts_on=D(2022, 1, 1), ends_on=D(2023, 12, 31))
    for url in (ended.get_absolute_url(), ended.municipality.get_absolute_url()):
        text = text_of(client.get(url))
        assert "Ingen uppföljning publicerades för det här medborgarlöftet." in text
        assert "Ingen uppföljning är publicerad ännu" not in text
        assert "{#" not in text and "{%" not in text
    # A promise in force may still get its first follow-up.
    text = text_of(client.get(current_period().get_absolute_url()))
    assert "Ingen uppföljning är publicerad ännu." in text
