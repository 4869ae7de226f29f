"""Which part of the site a page shows, and which part an edit changes: named here, once.

A scope is a name with a version of its own in the shared cache (portal/versions.py). A
page depends on "global" plus the scopes it declares; an edit bumps the scopes it touches.

- "global": reference data (regions, counties, municipalities, police areas and their
  links). Every page depends on it, and a change to reference data bumps it.
- "national": any content edit anywhere. Pages that show the whole country depend on
  it: the start page, Läget i landet, the country feed, national open-data files, the
  sitemap. A page that declares nothing depends on it too, so forgetting to declare a
  scope costs cache hits, never a stale page.
- "kommun:<slug>" and "kommunkod:<code>": one municipality under the two names its
  addresses use (the portal's and the feed's slug, open data's code). An edit bumps both,
  so a page knows its scope from its own URL without a query.
- "lan:<slug>": a county; "lokalpolisomrade:<slug>": a local police area.

A page declares its scope where its URL is routed (`scope=` of cached_public_page, or
portal.caching.page_scope), as one of the rules below applied to the URL's arguments. An
edit's scopes come from the saved row (edit_scopes): its municipality under both names,
that municipality's county and police areas, the row's own police area, and "national".
"""

from dataclasses import dataclass

from municipalities.models import LocalPoliceArea, Municipality

GLOBAL = "global"
NATIONAL = "national"
MUNICIPALITY, MUNICIPALITY_CODE = "kommun", "kommunkod"
COUNTY, POLICE_AREA = "lan", "lokalpolisomrade"


@dataclass(frozen=True)
class PageScope:
    """What one kind of page shows: the whole country (kind None), or the one county,
    police area or municipality that the URL argument `kwarg` names."""

    kind: str | None = None
    kwarg: str = "slug"

    def names(self, kwargs) -> tuple[str, ...]:
        """The scopes a page with these URL arguments depends on, "global" first."""
        if self.kind is None:
            return (GLOBAL, NATIONAL)
        return (GLOBAL, f"{self.kind}:{kwargs[self.kwarg]}")


# The rules a URL line picks from.
NATIONAL_PAGE = PageScope()


def municipality(kwarg="slug"):
    """A page of one municipality, named by its slug in the URL argument `kwarg`."""
    return PageScope(MUNICIPALITY, kwarg)


def municipality_code(kwarg="code"):
    """A page or file of one municipality, named by its four-digit code."""
    return PageScope(MUNICIPALITY_CODE, kwarg)


def county(kwarg="slug"):
    return PageScope(COUNTY, kwarg)


def police_area(kwarg="slug"):
    return PageScope(POLICE_AREA, kwarg)


def edit_scopes(owners, memo=None) -> set[str]:
    """The scopes an edit touches, given the (municipality id, police area id) of the
    rows it changed (before and after, if a row moved). `memo` keeps what one transaction
    has already looked up: two queries per municipality, then none."""
    memo = {} if memo is None else memo
    names = {NATIONAL}
    for municipality_id, police_area_id in owners:
        if municipality_id is not None:
            names |= _municipality_scopes(municipality_id, memo)
        if police_area_id is not None:
            names.add(_police_area_scope(police_area_id, memo))
    return names


def _municipality_scopes(municipality_id, memo):
    key = (MUNICIPALITY, municipality_id)
    if key not in memo:
        found = (
            Municipality.objects.filter(pk=municipality_id)
            .values_list("slug", "code", "county__slug")
            .first()
        )
        if found is None:
            memo[key] = set()
        else:
            slug, code, county_slug = found
            areas = LocalPoliceArea.objects.filter(municipalities=municipality_id)
            names = {f"{MUNICIPALITY}:{slug}", f"{MUNICIPALITY_CODE}:{code}"}
            names.add(f"{COUNTY}:{county_slug}")
            for area_id, area_slug in areas.values_list("pk", "slug"):
                memo[(POLICE_AREA, area_id)] = f"{POLICE_AREA}:{area_slug}"
                names.add(memo[(POLICE_AREA, area_id)])
            memo[key] = names
    return memo[key]


def _police_area_scope(police_area_id, memo):
    key = (POLICE_AREA, police_area_id)
    if key not in memo:
        slug = (
            LocalPoliceArea.objects.filter(pk=police_area_id).values_list("slug", flat=True).first()
        )
        # A police area that is gone has no page left to invalidate.
        memo[key] = f"{POLICE_AREA}:{slug}" if slug else NATIONAL
    return memo[key]
