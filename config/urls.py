from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from core import admin_session, kept_posts
from core.admin_a11y import AccessibleLoginForm
from municipalities.scope import admin_shortcut
from portal.caching import cached_public_page
from portal.sitemaps import SITEMAPS

from . import views

admin.site.site_header = "Medborgarlöften – administration"
admin.site.site_title = "Medborgarlöften"
admin.site.index_title = "Samordnarens arbetsyta"
admin.site.login_form = AccessibleLoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Django's "Visa på webbplatsen" shortcut, limited to the coordinator's scope.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(admin_shortcut)),
    # Before admin/: the admin's catch-all would answer it otherwise.
    path("admin/forlang-session/", admin_session.extend_session, name="admin-extend-session"),
    # An admin form kept when the session ended while typing (core/kept_posts.py).
    path(
        "admin/aterstall/<str:token>/",
        admin.site.admin_view(kept_posts.restore),
        name="kept-post",
    ),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cached_public_page(sitemap, reads=("p",)),  # the sitemap's page number
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # Their pages in every language, their files, feeds and API in Swedish only
    # (core.languages.with_language_prefix inside).
    path("", include("opendata.urls")),
    path("", include("alerts.urls")),
]
# The public pages in Swedish at the addresses they have always had, and in the other
# languages under their prefix with the same slugs (/en/kommuner/jarfalla/).
urlpatterns += i18n_patterns(
    path("tillganglighet/", include("accessibility.urls")),
    path("", include("portal.urls")),
    prefix_default_language=False,
)

# The 404 page uses Django's own handler (templates/404.html in the site's layout); the
# 500 page is rendered without context processors or database access.
handler500 = "config.views.server_error"
# Inside the admin, 404 and 403 answer in the admin's layout (config.views).
handler404 = "config.views.page_not_found"
handler403 = "config.views.permission_denied"
