from django.urls import path

from . import views

app_name = "accessibility"

urlpatterns = [
    path("", views.statement, name="statement"),
    path("pata-brister/", views.report_barrier, name="report-barrier"),
    path("alternativt-format/", views.alternative_format, name="alternative-format"),
    path("kvitto/<str:token>/", views.receipt, name="receipt"),
]
