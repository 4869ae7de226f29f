from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:period_slug>/"
        "uppfoljning/<int:year>-tertial-<int:tertial>/",
        views.report,
        name="report",
    ),
]
