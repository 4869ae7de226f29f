"""Cold pages ("kall") and how their cost grows with the data.

A cold page is one the page cache does not hold: the cache is emptied before each
request (the bench's own cache: its database tables, or its own Redis database — never
FLUSHALL), and one client asks over HTTP, so the time is the render alone, not queueing.
Each request asks for another municipality's page or report, as a visitor arriving from
a search would.

    python -m benchmarks.cold --scale 0.1   # one JSON line: cold pages and single-client search

`make bench` runs that for the growth comparison after measuring scale 1.0 the same way.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import time
from urllib.parse import urlsplit

from benchmarks.wrk import search_mix

KINDS = ("municipality page", "follow-up report", "start page")


def sample_paths(samples, seed=15):
    """`samples` paths per kind of page, from different municipalities where there are."""
    from django.urls import reverse

    from followup.models import FollowUpReport
    from promises.models import PromisePeriod

    rng = random.Random(seed)
    periods = list(PromisePeriod.objects.public().select_related("municipality").order_by("pk"))
    reports = list(
        FollowUpReport.objects.filter(status="published", period__in=periods)
        .select_related("period__municipality")
        .order_by("pk")
    )
    municipalities = sorted({p.municipality.get_absolute_url() for p in periods})
    return {
        "municipality page": [rng.choice(municipalities) for _ in range(samples)],
        "follow-up report": [rng.choice(reports).get_absolute_url() for _ in range(samples)],
        "start page": [reverse("portal:home")] * samples,
    }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cold_pages(server_url, samples):
    """Median and p95 in ms per kind of page, each request after emptying the cache."""
    from django.core.cache import cache

    address = urlsplit(server_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    figures = {}
    for kind, paths in sample_paths(samples).items():
        times = []
        for path in paths:
            cache.clear()
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
        figures[kind] = {"median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95)}
    connection.close()
    return figures


def search_single(server_url, seconds, *, uncached=False):
    """The search mix with one client: the time of a search, not of the queue. Uncached:
    different searches each asked once, after emptying the page cache (the loaded run
    asked the same ones)."""
    from django.core.cache import cache

    if uncached:
        cache.clear()
    result = search_mix(server_url, seconds, 1, uncached=uncached)
    return {"median_ms": result["p50_ms"], "p95_ms": result["p95_ms"], "errors": result["errors"]}


def measure(server_url, samples, search_seconds):
    """Everything the growth comparison needs, at the scale being served."""
    from promises.models import Activity
    from search.models import SearchDocument

    return {
        "activities": Activity.objects.count(),
        "documents": SearchDocument.objects.count(),
        "cold": cold_pages(server_url, samples),
        "search": search_single(server_url, search_seconds),
        "search, uncached": search_single(server_url, search_seconds, uncached=True),
    }


def main():
    from benchmarks.database import VAR, prepare, use_database
    from benchmarks.search import database_for
    from benchmarks.serving import Gunicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--search-seconds", type=int, default=10)
    args = parser.parse_args()
    use_database(database_for(args.scale))
    prepare(args.scale)
    server = Gunicorn(dict(os.environ), log=VAR / "bench-growth-gunicorn.log", seconds=180)
    try:
        figures = measure(server.url, args.samples, args.search_seconds)
    finally:
        server.stop()
    print(json.dumps({"scale": args.scale, **figures}))


if __name__ == "__main__":
    main()
