from django.urls import path

from promises.caching import cached_public_page as cached

from . import views

app_name = "followup"

urlpatterns = [
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:period_slug>/"
        "uppfoljning/<int:year>-tertial-<int:tertial>/",
        cached(views.report),
        name="report",
    ),
]
