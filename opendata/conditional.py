"""Revalidation for the open data: ETag and Last-Modified from the versions of the
scopes the answer shows (portal/scopes.py, declared on the URL): a municipality's files
change when something of that municipality is saved, the national files, the API and
the catalogue when anything is. A harvester or a browser that already has the file gets
304 until then."""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from portal.caching import etag_for, last_modified_for, request_scope, versions_of


class Validators:
    """The validators of one response: built before any row is read."""

    def __init__(self, request, vary: str = ""):
        self.versions = versions_of(request_scope(request))
        key = f"{request.get_full_path()} {vary}".encode()
        path_hash = hashlib.sha256(key).hexdigest()
        if self.versions is None:  # the cache is down: serve, just without validators
            self.etag = self.last_modified = None
        else:
            self.etag = etag_for(self.versions, path_hash)
            self.last_modified = last_modified_for(self.versions)

    def not_modified(self, request):
        """A 304 (or 412) response when the client's copy is current, else None."""
        if self.etag is None:
            return None
        response = get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified
        )
        return self.stamp(response) if response is not None else None

    def stamp(self, response):
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if self.etag is not None:
            response["ETag"] = self.etag
            response["Last-Modified"] = http_date(self.last_modified)
        return response
