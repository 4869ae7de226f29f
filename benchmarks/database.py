"""The benchmark's own database: which one, building it, and the facts measured in-process
(the pages to load, their queries and weight). Used by benchmarks/run.py, cold.py and
search.py; never the database `make run` uses."""

import gzip
import os
import sys
import time
from pathlib import Path

from benchmarks.serving import ROOT

VAR = ROOT / "var"


def progress(text):
    """Where a long run is (on stderr, so the table on stdout stays clean)."""
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {text}", file=sys.stderr, flush=True)


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


def use_database(url):
    """The environment the bench process and its gunicorn instances share."""
    VAR.mkdir(exist_ok=True)
    ensure_database(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_STATIC_ROOT=str(VAR / "bench-static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        GUNICORN_ACCESSLOG=str(VAR / "bench-access.log"),
        SEARCH_RATE_LIMIT_PER_MINUTE="0",  # one address sends every search
        # The mixed benchmark keeps thousands of pages; the database cache must not cull
        # them halfway (its default keeps 20 000 rows, then drops a quarter).
        CACHE_MAX_ENTRIES=os.environ.get("CACHE_MAX_ENTRIES", "200000"),
    )


def prepare(scale, rebuild=False):
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
        # The same page in English (/en/…): the interface translated, the content marked
        # Swedish (issue 20); its own entry in the page cache.
        "municipality page (en)": _in_english(period.municipality.get_absolute_url),
        "follow-up report": report.get_absolute_url(),
        "search": reverse("portal:search") + "?q=krogtillsyner",
    }


def _in_english(address):
    from django.utils import translation

    with translation.override("en"):
        return address()


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
            facts[name] = {"queries": "–", "cold_queries": None, "bytes": css_gz}
            continue
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        facts[name] = {
            "queries": f"{len(cold)}/{len(warm)}",
            "cold_queries": len(cold),
            "bytes": len(gzip.compress(response.content)) + css_gz,
        }
    return facts
