"""A publish burst for the e-mail alerts: a county's 20 reports in one afternoon, with
10 000 subscribers of one of its municipalities (and a tenth as many of the county).

Measures, in a database of its own (var/bench_alerts.sqlite3, or NAME_alerts_bench
with DATABASE_URL=postgres://…/NAME): publishing the 20 reports (the first-publication
record each adds), queueing the digests (time, peak Python memory, queries, rows), and
sending them through the outbox to Django's dummy mail backend. Run at 1 000 and
10 000 subscribers to show that memory stays flat while time grows linearly.

    python -m benchmarks.alerts_burst [--subscribers 1000 10000]
"""

import argparse
import datetime
import os
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, name = url.partition("?")[0].rpartition("/")
        return f"{base}/{name or 'medborgarloften'}_alerts_bench"
    return f"sqlite:///{ROOT / 'var' / 'bench_alerts.sqlite3'}"


def reset(url):
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup():
    url = database_url()
    reset(url)
    os.environ["DATABASE_URL"] = url
    os.environ["REDIS_URL"] = ""
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build_county(n_municipalities=20):
    from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion
    from promises.models import PromisePeriod

    region = PoliceRegion.objects.create(name="Bänkregion", slug="bankregion")
    county = County.objects.create(code="99", name="Bänklän", slug="banklan", police_region=region)
    area = LocalPoliceArea.objects.create(
        name="Bänkområdet", slug="bankomradet", police_region=region
    )
    periods = []
    for i in range(n_municipalities):
        municipality = Municipality.objects.create(
            code=f"99{i:02d}", name=f"Bänkkommun {i}", slug=f"bankkommun-{i}", county=county
        )
        area.municipalities.add(municipality)
        periods.append(
            PromisePeriod.objects.create(
                municipality=municipality,
                police_area=area,
                title=f"Medborgarlöfte {i}",
                slug="2026",
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2026, 12, 31),
                status="published",
            )
        )
    return county, periods


def add_subscribers(count, scope_key, start, confirmed_at):
    from alerts.models import Subscriber, Subscription

    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"p{start + i}@example.se") for i in range(count)], batch_size=2000
    )
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=s, scope_key=scope_key, state="confirmed", confirmed_at=confirmed_at
            )
            for s in subscribers
        ],
        batch_size=2000,
    )


def run(n_subscribers):
    from django.db import connection
    from django.utils import timezone

    from alerts.digest import queue_digests
    from alerts.models import Announcement, Subscriber, Subscription
    from followup.models import FollowUpReport
    from followup.services import publish_report
    from outbox.models import QueuedEmail
    from outbox.services import send_pending

    Subscription.objects.all().delete()
    Subscriber.objects.all().delete()
    QueuedEmail.objects.all().delete()
    Announcement.objects.all().delete()
    FollowUpReport.objects.all().delete()
    periods = list(PERIODS)
    confirmed = timezone.now() - datetime.timedelta(hours=1)
    add_subscribers(n_subscribers, f"kommun:{periods[0].municipality_id}", 0, confirmed)
    add_subscribers(n_subscribers // 10, f"lan:{COUNTY.pk}", n_subscribers, confirmed)

    started = time.perf_counter()
    for period in periods:
        report = FollowUpReport.objects.create(period=period, year=2026, tertial=1)
        publish_report(report=report)
    publish_seconds = time.perf_counter() - started

    # Count queries without keeping their text (which would be most of the memory).
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(None)
        return execute(sql, params, many, context)

    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        if PROFILE:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            summary = profiler.runcall(queue_digests)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            summary = queue_digests()
    queue_seconds = time.perf_counter() - started
    queue_cpu = time.process_time() - cpu
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    started = time.perf_counter()
    sent = send_pending() if SEND else None
    send_seconds = time.perf_counter() - started
    return {
        "subscribers": n_subscribers + n_subscribers // 10,
        "publish_20_s": publish_seconds,
        "queued": summary.subscribers,
        "queue_s": queue_seconds,
        "queue_cpu": queue_cpu,
        "queue_peak_mb": peak / 1e6,
        "queue_queries": len(queries),
        "sent": sent.sent if sent else "–",
        "send_s": send_seconds,
    }


PROFILE, SEND = False, True


def main():
    global COUNTY, PERIODS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-send", action="store_true", help="Only queue, do not send.")
    parser.add_argument("--profile", action="store_true", help="Print a profile of queueing.")
    args = parser.parse_args()
    global PROFILE, SEND
    PROFILE, SEND = args.profile, not args.no_send
    setup()
    from django.db import connection

    COUNTY, PERIODS = build_county()
    print(f"Database: {connection.vendor}")
    header = (
        "| prenumeranter | publicera 20 | köade | köa (vägg) | köa (cpu) | minnestopp | frågor "
        "| skickade | skicka |"
    )
    print(header)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in args.subscribers:
        r = run(n)
        print(
            f"| {r['subscribers']} | {r['publish_20_s']:.2f} s | {r['queued']} | "
            f"{r['queue_s']:.2f} s | {r['queue_cpu']:.2f} s | {r['queue_peak_mb']:.1f} MB | "
            f"{r['queue_queries']} | "
            f"{r['sent']} | {r['send_s']:.1f} s |"
        )


if __name__ == "__main__":
    main()
