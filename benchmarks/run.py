"""`make bench`: throughput, latency, queries and page weight at national scale.

Builds the synthetic data set (benchmarks/dataset.py) in a database of its own — never
the one `make run` uses — serves it with gunicorn as in production, loads it with wrk
from a second process on loopback, and prints one table. Rates are reported as ratios of
the stylesheet's rate measured in the same run, so figures compare across machines.

    python -m benchmarks.run [--scale 1.0] [--duration 10] [--connections 32] [--rebuild]

With DATABASE_URL=postgres://…/NAME the data set lives in NAME_bench on that server.
"""

import argparse
import gzip
import json
import os
import subprocess
import time
from pathlib import Path

from benchmarks.search import print_mix, wrk_mix
from benchmarks.serving import ROOT, Gunicorn

VAR = ROOT / "var"
LUA = Path(__file__).with_name("report.lua")


def bench_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, name = url.partition("?")[0].rpartition("/")
        return f"{base}/{name or 'medborgarloften'}_bench"
    return f"sqlite:///{VAR / 'bench.sqlite3'}"


def reset_database(url):
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def ensure_database(url):
    if url.startswith("sqlite"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def wrk(url, duration, connections):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare(scale, rebuild):
    """Migrate and fill the bench database; returns the pages to load."""
    import django
    from django.core.management import call_command

    # Building commits hundreds of thousands of rows at once: no statement timeout for
    # this process (the served instances, started later, keep the production one).
    previous = os.environ.get("DATABASE_STATEMENT_TIMEOUT")
    os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
    django.setup()
    if previous is None:
        os.environ.pop("DATABASE_STATEMENT_TIMEOUT")
    else:
        os.environ["DATABASE_STATEMENT_TIMEOUT"] = previous
    from benchmarks import dataset
    from municipalities.models import Municipality

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    wanted = max(1, round(Municipality.objects.count() * scale))
    if not dataset.is_built(wanted):
        started = time.monotonic()
        counts = dataset.build(scale)
        print(f"Built the data set in {time.monotonic() - started:.0f} s: {counts}")
    from search.models import SearchDocument

    if not SearchDocument.objects.filter(kind="aktivitet").exists():
        # The data set is bulk-inserted past the index's signals: build the index.
        started = time.monotonic()
        call_command("rebuild_search_index", verbosity=0)
        print(f"Built the search index in {time.monotonic() - started:.0f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    call_command("collectstatic", interactive=False, verbosity=0)
    return pages()


def pages():
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse

    from followup.models import FollowUpReport
    from promises.models import PromisePeriod

    period = PromisePeriod.objects.select_related("municipality").order_by("-starts_on").first()
    report = FollowUpReport.objects.filter(period=period).order_by("-year", "-tertial").first()
    return {
        "stylesheet (static)": staticfiles_storage.url("css/site.css"),
        "start page": reverse("portal:home"),
        "municipality page": period.municipality.get_absolute_url(),
        "follow-up report": report.get_absolute_url(),
        "search": reverse("portal:search") + "?q=krogtillsyner",
    }


def page_facts(targets):
    """Queries (cold cache, then warm) and gzip-compressed bytes of HTML plus stylesheet."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    css = (Path(os.environ["DJANGO_STATIC_ROOT"]) / "css" / "site.css").read_bytes()
    css_gz = len(gzip.compress(css))
    facts = {}
    for name, path in targets.items():
        if "static" in name:
            facts[name] = {"queries": "–", "bytes": css_gz}
            continue
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        facts[name] = {
            "queries": f"{len(cold)}/{len(warm)}",
            "bytes": len(gzip.compress(response.content)) + css_gz,
        }
    return facts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", 1.0)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data set")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    url = bench_database_url()
    if args.rebuild:
        reset_database(url)
    ensure_database(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_STATIC_ROOT=str(VAR / "bench-static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        GUNICORN_ACCESSLOG=str(VAR / "bench-access.log"),
        SEARCH_RATE_LIMIT_PER_MINUTE="0",  # one address sends every search
    )
    targets = prepare(args.scale, args.rebuild)
    facts = page_facts(targets)

    server = Gunicorn(
        {**os.environ, "GUNICORN_WORKERS": str(args.workers)}, log=VAR / "bench-gunicorn.log"
    )
    try:
        results = {}
        for name, path in targets.items():
            target = server.url + path
            if name == "search":  # the query mix of benchmarks/search.py, rotated
                wrk_mix(server.url, 2, args.connections)
                results[name] = wrk_mix(server.url, args.duration, args.connections)
                continue
            wrk(target, 2, args.connections)  # warm the workers and the page cache
            results[name] = wrk(target, args.duration, args.connections)
    finally:
        server.stop()
    print_table(url, args, results, facts)
    print()
    print_mix()


def failures(result):
    """Requests that went wrong; a page that completed none has failed outright (wrk then
    reports zero latency, which must not read as a goal met)."""
    failed = result["errors"] + result["non2xx"]
    return failed if result["requests"] else max(failed, 1)


def print_table(url, args, results, facts):
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    ceiling = results["stylesheet (static)"]["rps"]
    print(
        f"\nBenchmark on {backend}, scale {args.scale}, {args.connections} connections, "
        f"{args.duration} s per page, {args.workers} gunicorn workers, {os.cpu_count()} cores\n"
    )
    header = (
        f"{'page':<22}{'req/s':>9}{'× static':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'queries':>10}{'gz bytes':>10}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        f = facts[name]
        print(
            f"{name:<22}{r['rps']:>9.0f}{r['rps'] / ceiling:>10.2f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{f['queries']:>10}{f['bytes']:>10}"
            f"{r['errors'] + r['non2xx']:>8}"
        )
    print("\nGoals (queries shown as cold cache / warm cache):")
    for name in ("municipality page", "follow-up report"):
        r = results[name]
        ok = r["rps"] / ceiling >= 0.5 and r["p99_ms"] < 100 and not failures(r)
        print(
            f"  {name}: ≥ 0.5 × static and p99 < 100 ms — "
            f"{'met' if ok else 'NOT met'} ({r['rps'] / ceiling:.2f} ×, p99 {r['p99_ms']:.0f} ms)"
        )
    search = results["search"]
    failed = failures(search)
    met = search["p95_ms"] < 50 and search["p99_ms"] < 100 and not failed
    verdict = "met" if met else "NOT met"
    note = "" if backend == "PostgreSQL" else " (the goal is set for PostgreSQL)"
    errors = f", {search['requests']} completed, {failed} failed or timed out" if failed else ""
    print(
        f"  search (the mix below): p95 < 50 ms and p99 < 100 ms — {verdict} "
        f"(p95 {search['p95_ms']:.0f} ms, p99 {search['p99_ms']:.0f} ms{errors}){note}"
    )
    heavy = [n for n, f in facts.items() if f["bytes"] >= 30_000]
    print(
        "  every page < 30 kB compressed HTML + CSS — "
        + ("met" if not heavy else f"NOT met: {', '.join(heavy)}")
    )


if __name__ == "__main__":
    main()
