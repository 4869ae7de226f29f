from django.urls import path

from search.pages import READS as SEARCH_READS
from search.pages import limited

from . import card, overview, report, views
from .caching import cached_public_page as cached

app_name = "portal"

# Public pages are cached whole and invalidated on any content change (portal/caching.py).
urlpatterns = [
    path("", cached(views.home), name="home"),
    path("om-medborgarloften/", cached(views.about), name="about"),
    # Search too, keyed on its parameters, inside the limit per address (search/pages.py).
    path("sok/", limited(cached(views.search, reads=SEARCH_READS)), name="search"),
    path("laget-i-landet/", cached(overview.country_overview), name="overview"),
    path("lan/<slug:slug>/", cached(views.county), name="county"),
    path("lokalpolisomraden/<slug:slug>/", cached(views.police_area), name="police-area"),
    path("kommuner/<slug:slug>/", cached(views.municipality), name="municipality"),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:slug>/",
        cached(views.period),
        name="period",
    ),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:slug>/skriv-ut/",
        cached(card.period_card),
        name="period-card",
    ),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:period_slug>/"
        "uppfoljning/<int:year>-tertial-<int:tertial>/",
        cached(report.report),
        name="report",
    ),
    path(
        "kommuner/<slug:municipality_slug>/samverkansoverenskommelser/<int:pk>/",
        cached(views.agreement),
        name="agreement",
    ),
]
