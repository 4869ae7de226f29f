"""Shared by the scoped-invalidation tests: the pages of a municipality, its county, its
police area and the country, and a way to see which of them an edit re-rendered."""

from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory


def municipality_pages(corner):
    slug = corner.municipality.slug
    period = corner.period
    return [
        reverse("portal:municipality", kwargs={"slug": slug}),
        reverse("portal:period", kwargs={"municipality_slug": slug, "slug": period.slug}),
        reverse(
            "portal:report",
            kwargs={
                "municipality_slug": slug,
                "period_slug": period.slug,
                "year": corner.report.year,
                "tertial": corner.report.tertial,
            },
        ),
        reverse("portal:agreement", kwargs={"municipality_slug": slug, "pk": corner.agreement.pk}),
        reverse("alerts:feed", kwargs={"slug": slug}),
    ]


def region_pages(corner):
    county, area = corner.municipality.county.slug, corner.police_area.slug
    return [
        reverse("portal:county", kwargs={"slug": county}),
        reverse("alerts:feed-county", kwargs={"slug": county}),
        reverse("portal:police-area", kwargs={"slug": area}),
        reverse("alerts:feed-police-area", kwargs={"slug": area}),
    ]


NATIONAL_PAGES = ["/", "/laget-i-landet/", "/flode.atom", "/sitemap.xml", "/oppna-data/"]


def municipal_file(corner):
    return f"/oppna-data/kommuner/{corner.municipality.code}/perioder.csv"


NATIONAL_FILES = ["/oppna-data/perioder.csv", "/api/v1/perioder/"]


@dataclass
class Snapshot:
    """The ETag of each page as the cache holds it before an edit."""

    etags: dict

    @classmethod
    def of(cls, urls):
        client = Client()
        etags = {}
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            etags[url] = response["ETag"]
        return cls(etags)

    def renewed(self, urls):
        """The pages among `urls` whose ETag changed (re-rendered after the edit)."""
        client = Client()
        return {url for url in urls if client.get(url).get("ETag") != self.etags[url]}

    def still_cached(self, urls, django_assert_num_queries):
        """Assert the pages are served from the cache, unchanged, with no query."""
        client = Client()
        for url in urls:
            with django_assert_num_queries(0):
                response = client.get(url)
            assert response["ETag"] == self.etags[url], url

    def not_modified(self, urls):
        """The files among `urls` that answer 304 to their old ETag."""
        client = Client()
        found = set()
        for url in urls:
            response = client.get(url, headers={"If-None-Match": self.etags[url]})
            if response.status_code == 304:
                found.add(url)
        return found


def sibling_of(corner):
    """Another municipality in the same county, with no content of its own."""
    return MunicipalityFactory(county=corner.municipality.county)
