from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Medborgarlöften – administration"
admin.site.site_title = "Medborgarlöften"
admin.site.index_title = "Samordnarens arbetsyta"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("tillganglighet/", include("accessibility.urls")),
    path("", include("followup.urls")),
    path("", include("promises.urls")),
]
