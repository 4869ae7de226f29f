"""An edit invalidates only the pages that show what it changed (portal/scopes.py): its
municipality's pages, its county's and police area's, the whole country's (start page,
Läget i landet, the country feed, the national open data, the sitemap). Every other
municipality's, county's and police area's page is still served from the cache, with no
query and the same ETag. Reference data still invalidates everything."""

import pytest
from django.urls import reverse

from followup import services
from tests.scoped_helpers import (
    NATIONAL_FILES,
    NATIONAL_PAGES,
    Snapshot,
    municipal_file,
    municipality_pages,
    region_pages,
    sibling_of,
)

pytestmark = pytest.mark.django_db


def changed(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


EDITS = {
    "period": lambda c: changed(c.period, title="Alfalöftet, omskrivet"),
    "promise": lambda c: changed(c.promise, title="Alfas löfte, omskrivet"),
    "goal": lambda c: changed(c.goal, text="Alfas mål, omskrivet"),
    "activity": lambda c: changed(c.activity, text="Alfas aktivitet, omskriven"),
    "status": lambda c: changed(c.status, comment="Alfas kommentar, ny"),
    "report unpublished": lambda c: services.unpublish_report(report=c.report),
    "agreement": lambda c: changed(c.agreement, title="Alfas överenskommelse, ny"),
    "period signatory": lambda c: changed(c.period_signatory, name="Alfa Ny Undertecknare"),
    "agreement signatory": lambda c: changed(c.agreement_signatory, name="Alfa Ny Polischef"),
    "agreement deleted": lambda c: c.agreement.delete(),
}


@pytest.fixture
def world(alfa, beta):
    """Alfa edits; Beta (another county and police area) and Alfa's neighbour in the
    same county must keep their cached pages."""
    neighbour = sibling_of(alfa)
    related = [*municipality_pages(alfa), *region_pages(alfa), *NATIONAL_PAGES]
    unrelated = [
        *municipality_pages(beta),
        *region_pages(beta),
        reverse("portal:municipality", kwargs={"slug": neighbour.slug}),
        reverse("alerts:feed", kwargs={"slug": neighbour.slug}),
    ]
    return alfa, beta, neighbour, related, unrelated


def assert_scoped(world, edit, capture, django_assert_num_queries):
    alfa, beta, _neighbour, related, unrelated = world
    files = [*NATIONAL_FILES, municipal_file(alfa)]
    before = Snapshot.of([*related, *unrelated, *files, municipal_file(beta)])
    with capture(execute=True):  # the bump after commit runs too, as in production
        edit(alfa)
    assert before.renewed(related) == set(related)
    before.still_cached(unrelated, django_assert_num_queries)
    assert before.not_modified(files) == set()
    assert before.not_modified([municipal_file(beta)]) == {municipal_file(beta)}


@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_renews_its_municipality_county_police_area_and_country_only(
    kind, world, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert_scoped(world, EDITS[kind], django_capture_on_commit_callbacks, django_assert_num_queries)


def test_publishing_a_report_through_the_service_shows_at_once_and_only_there(
    world, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    alfa = world[0]
    draft = services.create_report(period=alfa.period, year=2024, tertial=2, summary="Tertial 2")
    report_page = reverse(
        "portal:report",
        kwargs={
            "municipality_slug": alfa.municipality.slug,
            "period_slug": alfa.period.slug,
            "year": 2024,
            "tertial": 2,
        },
    )
    assert client.get(report_page).status_code == 404
    assert_scoped(
        world,
        lambda c: services.publish_report(report=draft),
        django_capture_on_commit_callbacks,
        django_assert_num_queries,
    )
    assert client.get(report_page).status_code == 200


def test_the_new_text_is_on_every_page_that_shows_it_and_no_other(
    world, client, django_assert_num_queries
):
    alfa, beta = world[0], world[1]
    elsewhere = reverse("portal:municipality", kwargs={"slug": beta.municipality.slug})
    before = Snapshot.of([elsewhere])
    pages = [
        reverse("portal:municipality", kwargs={"slug": alfa.municipality.slug}),
        reverse("portal:county", kwargs={"slug": alfa.municipality.county.slug}),
        reverse("portal:police-area", kwargs={"slug": alfa.police_area.slug}),
        reverse("alerts:feed", kwargs={"slug": alfa.municipality.slug}),
        "/flode.atom",
    ]
    for url in pages:
        assert "Alfalöftet 2024" in client.get(url).content.decode(), url
    changed(alfa.period, title="Alfalöftet, omskrivet")
    for url in pages:
        page = client.get(url).content.decode()
        assert "Alfalöftet, omskrivet" in page and "Alfalöftet 2024" not in page, url
    before.still_cached([elsewhere], django_assert_num_queries)
