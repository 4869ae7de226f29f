"""The printable promise card: one page per period with its promises grouped by who
promises, its signatories, and a QR code (inline SVG, CSP-safe) that decodes to the
period's address."""

import re
import shutil
import subprocess

import cairosvg
import pytest
from django.urls import reverse

from promises.models import PeriodSignatory

from .factories import ActivityFactory, PromiseFactory, PromisePeriodFactory
from .helpers import html_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(db):
    period = PromisePeriodFactory()
    promise = PromiseFactory(period=period, title="Tryggare centrum")
    ActivityFactory(period=period, promise=promise, text="Polisen patrullerar.")
    ActivityFactory(
        period=period,
        promise=promise,
        text="Kommunen tänder fler lampor.",
        responsible="kommunen",
        target_count=20,
        target_unit="lampor",
    )
    PeriodSignatory.objects.create(period=period, name="Anna Andersson", role="ordförande")
    return period


def card_url(period):
    return reverse(
        "portal:period-card",
        kwargs={"municipality_slug": period.municipality.slug, "slug": period.slug},
    )


def test_the_period_page_links_to_its_card(client, period):
    assert card_url(period) in html_of(client.get(period.get_absolute_url()))


def test_the_card_holds_the_promise_grouped_and_signed(client, period):
    response = client.get(card_url(period))
    text, html = text_of(response), html_of(response)
    assert html.count("<h1") == 1
    assert "Tryggare centrum Polisen lovar Polisen patrullerar." in text
    assert "Kommunen lovar Kommunen tänder fler lampor. (mål: minst 20 lampor)" in text
    assert "Undertecknat Datum framgår inte av Anna Andersson, ordförande" in text
    assert '<svg role="img" aria-label="QR-kod till' in html
    assert not re.search(r"\sstyle=", html)  # the CSP forbids inline styles


def test_the_qr_code_decodes_to_the_periods_address(client, period, settings, tmp_path):
    settings.SITE_URL = "https://medborgarloften.example.se"
    html = html_of(client.get(card_url(period)))
    svg = re.search(r"<svg role=\"img\".*?</svg>", html, flags=re.S).group(0)
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    png = tmp_path / "qr.png"
    cairosvg.svg2png(bytestring=svg.encode(), write_to=str(png), scale=2, background_color="white")
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg saknas: make tools installerar zbar-tools"
    decoded = subprocess.run(  # noqa: S603 - our own file, a fixed tool
        [zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == f"https://medborgarloften.example.se{period.get_absolute_url()}"


def test_the_print_stylesheet_hides_navigation_and_shows_addresses():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]
    assert ".site-nav" in print_css and ".breadcrumb" in print_css
    assert 'content: " (" attr(href) ")"' in print_css
    assert "size: A4" in print_css
