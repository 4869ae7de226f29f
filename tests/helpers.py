"""Helpers the test modules share: reading a page as a person does."""

import re

from django.urls import reverse


def text_of(response):
    """The page's text with tags removed and whitespace collapsed, as a reader gets it
    (soft hyphens, invisible unless a word breaks at one, removed as copying does)."""
    html = response.content.decode().replace("\u00ad", "")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())
    return re.sub(r" ([.,:;)])", r"\1", text)


def html_of(response):
    """The page's HTML as sent, for assertions about markup."""
    return response.content.decode()


def get(client, name, status=200, **kwargs):
    """GET a named page and check its status."""
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == status, response.status_code
    return response


def period_url(municipality, slug):
    return reverse("portal:period", kwargs={"municipality_slug": municipality, "slug": slug})


def report_url(municipality, period, year, tertial):
    return reverse(
        "portal:report",
        kwargs={
            "municipality_slug": municipality,
            "period_slug": period,
            "year": year,
            "tertial": tertial,
        },
    )
