"""Soft hyphens in long Swedish words (issue 14): present in the HTML at syllable breaks,
absent from the text's meaning (the page text with U+00AD removed equals the source) and
from search."""

import re

import pytest
from django.urls import reverse

from portal.templatetags.hyphens import hyphenate, hyphenate_text

from .factories import ActivityFactory, CooperationAgreementFactory, PromisePeriodFactory
from .helpers import html_of

pytestmark = pytest.mark.django_db
SHY = "\u00ad"
SOURCE = "Polisen ska genomföra minst 50 trafikkontroller vid skolorna."


def raw_text(response):
    """The page's text as sent, soft hyphens kept."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_of(response)).split())


def test_long_words_get_soft_hyphens_at_syllable_breaks_short_words_none():
    assert hyphenate_text("trafikkontroller") == f"tra{SHY}fik{SHY}kon{SHY}trol{SHY}ler"
    assert hyphenate_text("Samverkansöverenskommelse").count(SHY) >= 5
    assert hyphenate_text("Polisen ska") == "Polisen ska"  # short words untouched


def test_the_filter_escapes_first():
    assert (
        hyphenate("<b>kommunstyrelsens</b>")
        == f"&lt;b&gt;kom{SHY}mun{SHY}sty{SHY}rel{SHY}sens&lt;/b&gt;"
    )


def test_pages_carry_soft_hyphens_and_the_text_is_unchanged_without_them(client):
    period = PromisePeriodFactory()
    ActivityFactory(period=period, text=SOURCE)
    response = client.get(period.get_absolute_url())
    text = raw_text(response)
    assert f"tra{SHY}fik{SHY}kon{SHY}trol{SHY}ler" in text
    assert SOURCE not in text  # the hyphens are really there…
    assert SOURCE in text.replace(SHY, "")  # …and removing them gives the source back
    # Never inside an attribute or the document title.
    head = html_of(response).split("</head>")[0]
    assert SHY not in head


def test_the_agreement_title_breaks_with_hyphens(client):
    agreement = CooperationAgreementFactory(title="Samverkansöverenskommelse 2024")
    h1 = re.search(r"<h1>(.*?)</h1>", html_of(client.get(agreement.get_absolute_url()))).group(1)
    assert SHY in h1 and h1.replace(SHY, "") == "Samverkansöverenskommelse 2024"


def test_search_is_unaffected(client):
    period = PromisePeriodFactory()
    ActivityFactory(period=period, text=SOURCE)
    response = client.get(reverse("portal:search"), {"q": "trafikkontroller"})
    assert "1 träff" in raw_text(response)
