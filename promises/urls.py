from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("", views.home, name="home"),
    path("om-medborgarloften/", views.about, name="about"),
    path("sok/", views.search, name="search"),
    path("lan/<slug:slug>/", views.county, name="county"),
    path("lokalpolisomraden/<slug:slug>/", views.police_area, name="police-area"),
    path("kommuner/<slug:slug>/", views.municipality, name="municipality"),
    path(
        "kommuner/<slug:municipality_slug>/medborgarloften/<slug:slug>/",
        views.period,
        name="period",
    ),
    path(
        "kommuner/<slug:municipality_slug>/samverkansoverenskommelser/<int:pk>/",
        views.agreement,
        name="agreement",
    ),
]
