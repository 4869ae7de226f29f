from django.urls import path

from portal.caching import cached_public_page as cached

from . import feeds, views

app_name = "alerts"

# Feeds sit beside the page they belong to (…/flode.atom) and go through the page cache:
# ETag, Last-Modified, 304, invalidated with the content. The alert pages are personal
# and never cached.
urlpatterns = [
    path("flode.atom", cached(feeds.ScopeFeed()), name="feed-country"),
    path("lan/<slug:slug>/flode.atom", cached(feeds.CountyFeed()), name="feed-county"),
    path(
        "lokalpolisomraden/<slug:slug>/flode.atom",
        cached(feeds.PoliceAreaFeed()),
        name="feed-police-area",
    ),
    path("kommuner/<slug:slug>/flode.atom", cached(feeds.MunicipalityFeed()), name="feed"),
    path("folj/", views.subscribe, name="subscribe"),
    path("folj/tack/", views.subscribed, name="subscribed"),
    path("folj/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("folj/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("folj/hantera/<str:token>/", views.manage, name="manage"),
]
