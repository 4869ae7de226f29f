from django.urls import path

from core.languages import with_language_prefix
from portal import scopes
from portal.caching import cached_public_page as cached

from . import feeds, views

app_name = "alerts"

# Feeds sit beside the page they belong to (…/flode.atom) and go through the page cache:
# ETag, Last-Modified, 304, invalidated by edits in their scope (portal/scopes.py). The
# alert pages are personal and never cached.
urlpatterns = [
    path("flode.atom", cached(feeds.ScopeFeed()), name="feed-country"),
    path(
        "lan/<slug:slug>/flode.atom",
        cached(feeds.CountyFeed(), scope=scopes.county()),
        name="feed-county",
    ),
    path(
        "lokalpolisomraden/<slug:slug>/flode.atom",
        cached(feeds.PoliceAreaFeed(), scope=scopes.police_area()),
        name="feed-police-area",
    ),
    path(
        "kommuner/<slug:slug>/flode.atom",
        cached(feeds.MunicipalityFeed(), scope=scopes.municipality()),
        name="feed",
    ),
    # The follow pages in every language; the feeds above stay Swedish, where they are.
    with_language_prefix(
        path("folj/", views.subscribe, name="subscribe"),
        path("folj/tack/", views.subscribed, name="subscribed"),
        path("folj/bekrafta/<str:token>/", views.confirm, name="confirm"),
        path("folj/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
        path("folj/hantera/<str:token>/", views.manage, name="manage"),
    ),
]
