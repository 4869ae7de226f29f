"""The statement's known shortcomings (accessibility/shortcomings.py) against the site:
each listed one is still there (its probe finds it), the issue-16 points fixed in code
are not listed, and the statement names the organisation, phone, post, publication
date, one update date, what WCAG and AA mean, and the truth about JavaScript."""

import datetime
import re

import pytest

from accessibility.models import AccessibilityStatement
from accessibility.shortcomings import CRITERIA, SHORTCOMINGS

from .test_accessibility_statement import URL, main_of

pytestmark = pytest.mark.django_db

# Issue 16's points that are fixed and tested (tests/browser/test_a11y_*.py): a
# shortcoming tracked by one of them must not be listed any more.
FIXED = {f"16.{n}" for n in range(1, 15)}


# key -> a function of a test client that is True while the shortcoming is there. Empty
# while every shortcoming issue 16 found is fixed; a new listed one needs its probe here.
PROBES = {}


def test_every_listed_shortcoming_is_still_there(client, seed_content):
    for item in SHORTCOMINGS:
        assert item.key in PROBES, f"Write a probe for {item.key!r}"
        assert PROBES[item.key](client), (
            f"{item.key!r} seems fixed: remove it from accessibility/shortcomings.py"
        )


def test_no_fixed_point_is_listed_and_every_criterion_is_named():
    assert [item.issue for item in SHORTCOMINGS if item.issue in FIXED] == []
    for item in SHORTCOMINGS:
        assert item.criteria and all(number in CRITERIA for number in item.criteria)


def test_statement_lists_the_shortcomings_with_their_criteria(client):
    main = main_of(client.get(URL))
    for item in SHORTCOMINGS:
        assert item.text[:40] in main
        for number, name in item.criteria_named():
            assert f"{number} {name}" in main


def test_statement_names_who_is_responsible_and_how_to_reach_them(client, settings):
    settings.ORGANISATION_NAME = "Lokalpolisområde Järfälla"
    settings.ORGANISATION_PHONE = "08-123 456 78"
    settings.ORGANISATION_POSTAL_ADDRESS = "Box 1, 177 80 Järfälla"
    settings.SITE_PUBLISHED_ON = datetime.date(2026, 3, 2)
    main = main_of(client.get(URL))
    assert "Lokalpolisområde Järfälla ansvarar för webbplatsen." in main
    assert 'href="tel:08-12345678"' in main and "08-123 456 78" in main
    assert "Post: Box 1, 177 80 Järfälla" in main
    assert "Webbplatsen publicerades den" in main and "2 mars 2026" in main


def test_statement_has_one_update_date(client):
    statement = AccessibilityStatement.objects.get()
    statement.reviewed_on = datetime.date(2026, 11, 21)
    statement.save()  # updated_at is now: it must not show as a second date
    main = main_of(client.get(URL))
    updated = re.findall(
        r"(?:uppdaterades senast den|Senast uppdaterad:) <time[^>]*>([^<]+)<", main
    )
    assert updated == ["21 november 2026", "21 november 2026"]


def test_statement_explains_wcag_and_tells_the_truth_about_javascript(client):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main_of(client.get(URL))))
    assert "WCAG (Web Content Accessibility Guidelines)" in text
    assert "nivå AA, som lagen kräver" in text
    assert "De publika sidorna och formulären fungerar utan JavaScript" in text
    assert "Administrationen som samordnare använder kräver JavaScript" in text
    assert "alla sidor fungerar utan JavaScript" not in text
