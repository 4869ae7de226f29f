from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from promises.caching import cached_public_page
from promises.sitemaps import SITEMAPS

from . import admin_session, views
from .admin_a11y import AccessibleLoginForm

admin.site.site_header = "Medborgarlöften – administration"
admin.site.site_title = "Medborgarlöften"
admin.site.index_title = "Samordnarens arbetsyta"
admin.site.login_form = AccessibleLoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Before admin/: the admin's catch-all would answer it otherwise.
    path("admin/forlang-session/", admin_session.extend_session, name="admin-extend-session"),
    path("admin/", admin.site.urls),
    path("tillganglighet/", include("accessibility.urls")),
    path("sitemap.xml", cached_public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("", include("followup.urls")),
    path("", include("promises.urls")),
]

# The 404 page uses Django's own handler (templates/404.html in the site's layout); the
# 500 page is rendered without context processors or database access.
handler500 = "promises.views.server_error"
