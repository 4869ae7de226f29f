from django.urls import path

from core.http import read_only

from . import card, overview, report, scopes, views
from .caching import cached_public_page as cached

app_name = "portal"

# Public pages are cached whole (portal/caching.py); each names the part of the site it
# shows (portal/scopes.py), so an edit elsewhere leaves it cached; a page that names none
# shows the whole country. Search is not cached: its queries are unbounded.
urlpatterns = [
    path("", cached(views.home), name="home"),
    path("om-medborgarloften/", cached(views.about), name="about"),
    path("sok/", read_only(views.search), name="search"),
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
