from django.urls import path

from core.http import read_only

from . import card, overview, report, views
from .caching import cached_public_page as cached

app_name = "portal"

# Public pages are cached whole and invalidated on any content change (portal/caching.py).
# Search is not: its queries are unbounded, and it is served from an index instead.
urlpatterns = [
    path("", cached(views.home), name="home"),
    path("om-medborgarloften/", cached(views.about), name="about"),
    path("sok/", read_only(views.search), name="search"),
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
