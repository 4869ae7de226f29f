"""The accessibility statement: DIGG's structure, content from the database, yearly review."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AccessibilityStatement, ComplianceStatus
from accessibility.workdays import add_working_days, easter_sunday

pytestmark = pytest.mark.django_db

URL = reverse("accessibility:statement")

DIGG_HEADINGS = [
    ("h1", "Tillgänglighet för Medborgarlöften"),
    ("h2", "Hur tillgänglig är webbplatsen?"),
    ("h2", "Vad kan du göra om du inte kan använda delar av webbplatsen?"),
    ("h2", "Rapportera brister i webbplatsens tillgänglighet"),
    ("h2", "Tillsyn"),
    ("h2", "Teknisk information om webbplatsens tillgänglighet"),
    ("h2", "Innehåll som inte är tillgängligt"),
    ("h3", "Bristande förenlighet med lagkraven"),
    ("h3", "Oskäligt betungande anpassning"),
    ("h3", "Innehåll som inte omfattas av lagkraven"),
    ("h2", "Hur vi testat webbplatsen"),
]
COMPLIANCE_SENTENCES = [
    "är helt förenlig med lagen",
    "är delvis förenlig med lagen",
    "är inte förenlig med lagen",
]


def main_of(response):
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def test_statement_follows_diggs_headings_in_order(client):
    main = main_of(client.get(URL))
    headings = re.findall(r"<(h[1-3])[^>]*>([^<]+)</h[1-3]>", main)
    assert headings == DIGG_HEADINGS


def test_statement_is_reachable_without_login_and_from_the_footer(client):
    response = client.get(reverse("portal:about"))
    assert f'href="{URL}"' in response.content.decode()
    assert client.get(URL).status_code == 200


def test_statement_says_exactly_one_compliance_status(client):
    statement = AccessibilityStatement.objects.get()
    for status, sentence in zip(ComplianceStatus.values, COMPLIANCE_SENTENCES, strict=True):
        statement.compliance_status = status
        statement.save()
        main = main_of(client.get(URL))
        assert [s for s in COMPLIANCE_SENTENCES if s in main] == [sentence]


def test_statement_initially_says_partially_compliant_with_honest_shortcomings(client):
    main = main_of(client.get(URL))
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in main
    assert "PDF-filer" in main
    assert "WCAG 2.1 nivå AA" in main


def test_statement_gives_answer_time_links_to_forms_and_to_digg(client, settings):
    settings.ACCESSIBILITY_PURGE_AFTER_DAYS = 30
    main = main_of(client.get(URL))
    assert "Svarstiden är normalt 5 arbetsdagar." in main
    assert f'href="{reverse("accessibility:report-barrier")}"' in main
    assert f'href="{reverse("accessibility:alternative-format")}"' in main
    assert 'href="https://www.digg.se/tdosanmalan"' in main
    assert "raderas 30 dagar efter att ärendet har avslutats" in main


def test_editors_change_the_statement_in_the_database(client):
    statement = AccessibilityStatement.objects.get()
    statement.known_shortcomings = "Kartan saknar textalternativ.\n\nTabellerna saknar rubriker."
    statement.answer_days = 3
    statement.reviewed_on = datetime.date(2026, 11, 20)
    statement.contact_email = "tillganglighet@kommun.example.se"
    statement.save()
    main = main_of(client.get(URL))
    assert "<p>Kartan saknar textalternativ.</p>\n\n<p>Tabellerna saknar rubriker.</p>" in main
    assert "Svarstiden är normalt 3 arbetsdagar." in main
    assert "Redogörelsen uppdaterades senast den" in main and "20 november 2026" in main
    assert "mailto:tillganglighet@kommun.example.se" in main


def test_statement_text_is_escaped(client):
    statement = AccessibilityStatement.objects.get()
    statement.known_shortcomings = "<script>alert(1)</script>"
    statement.save()
    main = main_of(client.get(URL))
    assert "<script>" not in main and "&lt;script&gt;" in main


def test_statement_page_uses_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(URL)


def test_statement_renders_even_if_its_row_is_missing(client):
    AccessibilityStatement.objects.all().delete()
    main = main_of(client.get(URL))
    assert "<h1>Tillgänglighet för Medborgarlöften</h1>" in main
    assert "delvis förenlig" in main


def test_an_overdue_review_warns_on_the_admin_start_page(client, django_user_model):
    """DIGG: the statement is reviewed at least once a year. Not a dated test: an
    overdue review (dates relative to today) is a warning for whoever may edit it,
    and a deployment check (test_security.py)."""
    statement = AccessibilityStatement.objects.get()
    admin = django_user_model.objects.create_superuser("chef", "chef@example.se", "x" * 16)
    client.force_login(admin)
    statement.reviewed_on = timezone.localdate() - datetime.timedelta(days=365)
    statement.save()
    assert "har inte granskats på över ett år" not in client.get("/admin/").content.decode()
    statement.reviewed_on = timezone.localdate() - datetime.timedelta(days=366)
    statement.save()
    body = client.get("/admin/").content.decode()
    assert "Tillgänglighetsredogörelsen har inte granskats på över ett år" in body


def test_an_overdue_review_fails_the_deployment_check():
    from django.core.checks import run_checks

    statement = AccessibilityStatement.objects.get()
    statement.reviewed_on = timezone.localdate() - datetime.timedelta(days=366)
    statement.save()
    found = run_checks(include_deployment_checks=True, databases=["default"])
    assert "accessibility.W001" in [message.id for message in found]
    statement.reviewed_on = timezone.localdate()
    statement.save()
    found = run_checks(include_deployment_checks=True, databases=["default"])
    assert "accessibility.W001" not in [message.id for message in found]


def test_review_is_overdue_after_365_days():
    statement = AccessibilityStatement(reviewed_on=datetime.date(2025, 11, 20))
    assert statement.review_is_overdue(today=datetime.date(2026, 11, 21))
    assert not statement.review_is_overdue(today=datetime.date(2026, 11, 20))


@pytest.mark.parametrize(
    "start, days, due",
    [
        (datetime.date(2026, 11, 20), 5, datetime.date(2026, 11, 27)),  # Friday → Friday
        (datetime.date(2026, 11, 21), 5, datetime.date(2026, 11, 27)),  # Saturday
        (datetime.date(2026, 12, 21), 5, datetime.date(2026, 12, 30)),  # 24–26 Dec off
        (datetime.date(2027, 3, 25), 2, datetime.date(2027, 3, 31)),  # Easter 2027
        (datetime.date(2026, 6, 18), 1, datetime.date(2026, 6, 22)),  # midsommarafton
    ],
)
def test_answer_time_counts_swedish_working_days(start, days, due):
    assert add_working_days(start, days) == due


def test_easter_dates():
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
