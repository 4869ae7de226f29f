"""What the search page (/sok/, portal.views.search) needs from the search app: the
limit per client address, the form and the results.

The page is cached whole like the other public pages (portal/urls.py), keyed on READS:
a repeated search is answered from the page cache. The limit per address wraps the
cache (`limited`), so an answer from the cache counts as a search too, and a 429 is
never cached. A search that timed out answers 503, which the page cache does not keep:
the next request searches again."""

from functools import wraps
from urllib.parse import quote, urlencode

from django.shortcuts import render

from core.http import read_only
from core.net import client_ip

from . import query, ratelimit
from .forms import SearchForm
from .models import SearchDocument

# The query parameters a search page depends on: the page cache's key.
READS = ("q", "lan", "typ", "sida")


def admitted(request):
    """Count a search (a request with words) per client address; False over the limit.
    The page cache asks before it serves a stored page (so cached answers count too) and
    `limited` asks again in the view: the answer is kept on the request, counted once."""
    if not request.GET.get("q", "").strip():
        return True
    if not hasattr(request, "search_admitted"):
        request.search_admitted = not ratelimit.count_and_check(client_ip(request))
    return request.search_admitted


def limited(view):
    """The search view, behind the limit per address: over it, a 429 page instead."""

    @read_only
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not admitted(request):
            return too_many_searches(request, SearchForm(request.GET))
        return view(request, *args, **kwargs)

    return wrapper


def search_page(request, template):
    """The search page. Without hits it is dated by the newest public change (what a
    search would find)."""
    form = SearchForm(request.GET or None)
    results = (
        query.run(form.cleaned_data["q"], **form.search_arguments()) if form.is_valid() else None
    )
    hits = results.leading + results.hits if results else []
    return render(
        request,
        template,
        {
            "form": form,
            "results": results,
            "filters": _filters(form),
            "suggestion_query": _suggestion_query(form, results),
            "last_updated": max((h.updated for h in hits if h.updated), default=None)
            or SearchDocument.objects.newest_update(),
        },
        status=503 if results and results.timed_out else 200,
    )


def _filters(form):
    """The query string of the current search without the page, for the page links."""
    data = form.data.copy() if form.is_bound else None
    if data is None:
        return ""
    data.pop("sida", None)
    return data.urlencode()


def _suggestion_query(form, results):
    """The query string of "Menade du …?": the suggestion with the same filters."""
    if not results or not results.suggestion:
        return ""
    pairs = [("q", results.suggestion)]
    pairs += [(name, form.cleaned_data[name]) for name in ("lan", "typ") if form.cleaned_data[name]]
    return urlencode(pairs, safe="/", quote_via=quote)  # as |urlencode writes each value


def too_many_searches(request, form):
    """429 in the site's layout, the query kept in the search box."""
    retry_after = ratelimit.retry_after_seconds()
    form.is_valid()  # the box shows the cleaned text, never control characters
    response = render(
        request,
        "search/429.html",
        {"form": form, "retry_after_minutes": 1},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
