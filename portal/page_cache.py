"""The page cache as a middleware: a cached public page is answered before sessions,
authentication, CSRF, messages, history and the login throttle run.

Its place in settings.MIDDLEWARE is just inside the middleware that set headers on every
response (SecurityMiddleware, SecurityHeadersMiddleware, MethodPagesMiddleware,
WhiteNoise) and before SessionMiddleware. For a GET or HEAD whose view is marked with
portal.caching.cached_public_page it reads, in one round trip to the shared cache, the
stored page and the versions of the page's scopes (portal/versions.py):
- current page: answered from the cache, with every header the inner middleware gave it
  when it was rendered (Content-Security-Policy, X-Frame-Options, Vary, Content-Type,
  Content-Length, ETag, Last-Modified, Cache-Control); the outer middleware add theirs
  to both alike. 0 database queries, and no session is ever loaded.
- the visitor's copy is current (If-None-Match / If-Modified-Since): 304.
- otherwise the whole stack renders it, and the final response is stored if it is the
  same for everyone: a 200, not streamed, setting no cookie, not varying on Cookie, not
  private or no-store, and without a CSP nonce (a nonce must be new in every response).

The key is the language, the path, the values of the query parameters the page reads and
today's date (whether a period is in force changes at midnight without any edit). The
path carries the language already (/en/…); the key names it too, so that no change to how
a language is chosen can ever hand one language's copy to another. The pages build
absolute addresses from SITE_URL, never from the request's Host or query
(templates/base.html, portal/sitemaps.py), so one entry is right for all; the Host is
still checked (ALLOWED_HOSTS) before a page is served, as CommonMiddleware would.
"""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .caching import etag_for, last_modified_for
from .versions import _safely, create_missing, fetch

PAGE_TTL = 60 * 60 * 24
READ_METHODS = ("GET", "HEAD")


def page_key_source(request, reads=()):
    """What a cached page is keyed on: the path and the values of the query parameters
    the page reads, nothing else. Any other query string (?utm_source=…, a cache
    buster) gets the same page from the same entry instead of a render and a copy each.
    A parameter sent empty is not one left out: "?kommun=" asks for an error message."""
    read = [f"{name}={request.GET[name]}" for name in reads if name in request.GET]
    return " ".join([request.path, *read])


def _public(response, versions, etag):
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if versions is not None:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified_for(versions))
    return response


def _same_for_everyone(response):
    """Whether a rendered response may be stored and given to anyone."""
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def _finish(response, versions, etag):
    """Validators and Cache-Control on a rendered page: public only for a response that
    is the same for everyone (a coordinator's page that renews their session cookie is
    private to them)."""
    if _same_for_everyone(response):
        return _public(response, versions, etag)
    if response.status_code == 200:
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule, kwargs = self._rule(request)
        if rule is None or (rule.admit is not None and not rule.admit(request)):
            return self.get_response(request)
        return self.serve(request, rule, kwargs)

    @staticmethod
    def _rule(request):
        if request.method not in READ_METHODS:
            return None, None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None, None
        return getattr(match.func, "page_cache", None), match.kwargs

    def serve(self, request, rule, kwargs):
        request.get_host()  # DisallowedHost (400) before anything is served
        today = timezone.localdate().isoformat()
        source = page_key_source(request, rule.reads)
        language = translation.get_language()
        path_hash = hashlib.sha256(f"{today} {language} {source}".encode()).hexdigest()
        page_key = f"page:{path_hash}"
        names = rule.scope.names(kwargs)
        found = fetch(names, page_key, create=False)
        if found is None:  # the cache is unreachable: render, without validators
            return _finish(self.get_response(request), None, None)
        versions, entries = found
        if None not in versions:
            stored = entries.get(page_key)
            response = None
            if stored is not None and stored[0] == versions:
                response = HttpResponse(stored[2], headers=stored[1])
            conditional = get_conditional_response(
                request,
                etag=etag_for(versions, path_hash),
                last_modified=last_modified_for(versions),
                response=response,
            )
            if conditional is not None and conditional is not response:
                # 304 (or 412 for a failed If-Match), with a hit's validators and Vary.
                if conditional.status_code == 304:
                    _public(conditional, versions, etag_for(versions, path_hash))
                return conditional
            if response is not None:
                return response
        started = time.time_ns()
        response = self.get_response(request)
        if None in versions and _same_for_everyone(response):
            # A scope no edit has named yet (or one evicted): its version starts now.
            versions = create_missing(names, versions, started)
        if versions is None or None in versions:
            return _finish(response, None, None)
        response = _finish(response, versions, etag_for(versions, path_hash))
        if _same_for_everyone(response):
            page = (versions, list(response.items()), response.content)
            _safely(cache.set, page_key, page, PAGE_TTL)
        return response
