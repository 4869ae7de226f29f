"""Where scoped invalidation stops (portal/scopes.py): reference data still renews every
page, a row moved to another municipality renews both, and a change saved during a cache
outage renews every page when the cache returns (the pending invalidation is global)."""

import pytest
from django.urls import reverse

from portal.models import PendingInvalidation
from tests.scoped_helpers import Snapshot, municipality_pages, region_pages, sibling_of

pytestmark = pytest.mark.django_db

LOCMEM = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
BROKEN = {"default": {"BACKEND": "tests.test_accessibility_ratelimit.BrokenCache"}}


def page_of(municipality):
    return reverse("portal:municipality", kwargs={"slug": municipality.slug})


@pytest.fixture
def beta_pages(beta):
    return [*municipality_pages(beta), *region_pages(beta)]


def alfa_edit(alfa, text="Alfalöftet, omskrivet"):
    alfa.period.title = text
    alfa.period.save()


def rename(obj):
    obj.name = "Nyby"
    obj.save()


REFERENCE_EDITS = {
    "municipality renamed": lambda alfa, neighbour: rename(neighbour),
    "county renamed": lambda alfa, neighbour: rename(neighbour.county),
    "police area joined": lambda alfa, neighbour: alfa.police_area.municipalities.add(neighbour),
}


@pytest.mark.parametrize("kind", REFERENCE_EDITS)
def test_reference_data_renews_the_pages_a_content_edit_leaves_cached(
    kind, alfa, beta_pages, django_assert_num_queries
):
    neighbour = sibling_of(alfa)
    before = Snapshot.of(beta_pages)
    alfa_edit(alfa)
    before.still_cached(beta_pages, django_assert_num_queries)
    REFERENCE_EDITS[kind](alfa, neighbour)
    assert before.renewed(beta_pages) == set(beta_pages)


def test_a_period_moved_to_another_municipality_renews_both_and_nothing_else(
    alfa, beta_pages, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    neighbour = sibling_of(alfa)
    ours, theirs = page_of(alfa.municipality), page_of(neighbour)
    before = Snapshot.of([ours, theirs, *beta_pages])
    with django_capture_on_commit_callbacks(execute=True):
        alfa.period.municipality = neighbour
        alfa.period.save()
    assert before.renewed([ours, theirs]) == {ours, theirs}
    assert "Alfalöftet 2024" in client.get(theirs).content.decode()
    assert "Alfalöftet 2024" not in client.get(ours).content.decode()
    before.still_cached(beta_pages, django_assert_num_queries)


def test_unlike_other_edits_one_saved_during_a_cache_outage_renews_every_page(
    alfa,
    beta_pages,
    client,
    settings,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    ours = page_of(alfa.municipality)
    before = Snapshot.of([ours, *beta_pages])
    alfa_edit(alfa)
    before.still_cached(beta_pages, django_assert_num_queries)
    settings.CACHES = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        alfa_edit(alfa, "Alfalöftet under avbrottet")
    assert PendingInvalidation.objects.exists()
    settings.CACHES = LOCMEM  # back, still holding every page rendered before
    assert "Alfalöftet under avbrottet" in client.get(ours).content.decode()
    # The change's scopes were not recorded: everything is rendered afresh, once.
    assert before.renewed(beta_pages) == set(beta_pages)
    assert not PendingInvalidation.objects.exists()
