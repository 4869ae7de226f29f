from django.urls import path

from search.pages import READS as SEARCH_READS
from search.pages import admitted as search_admitted
from search.pages import limited

from . import card, overview, report, scopes, views
from .caching import cached_public_page as cached

app_name = "portal"

# Public pages are cached whole (portal/caching.py); each names the part of the site it
# shows (portal/scopes.py), so an edit elsewhere leaves it cached; a page that names none
# (search included) shows the whole country and is redone after any edit.
urlpatterns = [
    path("", cached(views.home), name="home"),
    path("om-medborgarloften/", cached(views.about), name="about"),
    # Search too, keyed on its parameters, inside the limit per address (search/pages.py).
    path(
        "sok/",
        cached(limited(views.search), reads=SEARCH_READS, admit=search_admitted),
        name="search",
    ),
    path("laget-i-landet/", cached(overview.country_overview), name="overview"),
    path("lan/<slug:slug>/", cached(views.county, scope=scopes.county()), name="county"),
    path(
        "lokalpolisomraden/<slug:slug>/",
        cached(views.police_area, scope=scopes.police_area()),
        name="police-area",
    ),
    path(
        "kommuner/<slug:slug>/",
        cached(views.municipality, scope=scopes.municipality()),
        name="municipality",
    ),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:slug>/",
        cached(views.period, scope=scopes.municipality("municipality_slug")),
        name="period",
    ),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:slug>/skriv-ut/",
        cached(card.period_card, scope=scopes.municipality("municipality_slug")),
        name="period-card",
    ),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:period_slug>/"
        "uppfoljning/<int:year>-tertial-<int:tertial>/",
        cached(report.report, scope=scopes.municipality("municipality_slug")),
        name="report",
    ),
    path(
        "kommuner/<slug:municipality_slug>/samverkansoverenskommelser/<int:pk>/",
        cached(views.agreement, scope=scopes.municipality("municipality_slug")),
        name="agreement",
    ),
]
