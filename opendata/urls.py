from django.urls import path, re_path

from core.languages import with_language_prefix
from portal import scopes
from portal.caching import cached_public_page as cached
from portal.caching import page_scope

from . import docs, views
from .api import api

app_name = "opendata"
CODE = r"(?P<code>[0-9]{4})"

# The pages are cached whole like every public page. The files are streamed, never cached
# whole; they and the API answer revalidation (ETag/304) from the versions of their scope
# (portal/scopes.py): a municipality's own, or the whole country's when none is named.
urlpatterns = [
    # The pages in every language; the files, the catalogue and the API stay Swedish.
    with_language_prefix(
        path("oppna-data/", cached(views.index, reads=("kommun",)), name="index"),
        # The whole country's scope: the page shows when anything anywhere was last published.
        re_path(rf"^oppna-data/kommuner/{CODE}/$", cached(views.municipality), name="municipality"),
        path("oppna-data/api/", cached(docs.api_docs), name="api-docs"),
    ),
    path("oppna-data/medborgarloften.zip", views.national_zip, name="national-zip"),
    re_path(
        r"^oppna-data/(?P<dataset>[-a-z]+)\.(?P<fmt>csv|json)$",
        views.national_file,
        name="national-file",
    ),
    re_path(
        rf"^oppna-data/kommuner/{CODE}/medborgarloften\.zip$",
        page_scope(views.municipal_zip, scopes.municipality_code()),
        name="municipal-zip",
    ),
    re_path(
        rf"^oppna-data/kommuner/{CODE}/(?P<dataset>[-a-z]+)\.(?P<fmt>csv|json)$",
        page_scope(views.municipal_file, scopes.municipality_code()),
        name="municipal-file",
    ),
    path("datasets/dcat", docs.dcat_catalogue, name="dcat"),
    path("api/v1/openapi.json", docs.openapi, name="openapi"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", docs.api_not_found, name="api-not-found"),
]
