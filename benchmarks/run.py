"""`make bench`: every figure of issue 15 in one run, on one backend at national scale.

Builds the synthetic data set (benchmarks/dataset.py) in a database of its own — never
the one `make run` uses — serves it with gunicorn as in production and loads it with wrk
from a second process on loopback. Rates are ratios of the stylesheet's rate measured in
the same run, so figures compare across machines. In order:

1. pages under load: stylesheet, start page, municipality page (in Swedish and in English),
   follow-up report, and
   the search mix (benchmarks/search.py), 32 connections each;
2. cold pages ("kall"): one client, the page cache emptied before each request
   (benchmarks/cold.py), and the search mix with one client;
3. the mixed benchmark: random pages of every municipality while an editor saves
   reports through the admin once a second; the cache hit rate (benchmarks/mixed.py);
4. growth: 2. again at scale 0.1 in a database of its own, as a ratio.

    python -m benchmarks.run [--quick] [--scale 1.0] [--duration 10] [--rebuild]

The backend is the environment's: PostgreSQL with DATABASE_URL=postgres://…/NAME (the
data in NAME_bench, NAME_bench_s010 for scale 0.1), SQLite (var/bench.sqlite3) without;
the cache is Redis with REDIS_URL (give the bench a database of its own: it is emptied
for the cold pages), the database cache without.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request

from benchmarks import table
from benchmarks.cold import measure
from benchmarks.database import (  # noqa: F401 - VAR, ensure_database: benchmarks/search.py
    VAR,
    bench_database_url,
    ensure_database,
    page_facts,
    prepare,
    progress,
    reset_database,
    use_database,
)
from benchmarks.mixed import run_mixed
from benchmarks.serving import Gunicorn
from benchmarks.wrk import search_mix, wrk


def options():
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        default=env("BENCH_QUICK", "") not in ("", "0"),
        help="a few minutes: short runs, fewer samples, fewer pages in the mixed run",
    )
    parser.add_argument("--scale", type=float, default=float(env("BENCH_SCALE", 1.0)))
    parser.add_argument("--growth-scale", type=float, default=0.1, help="0 to skip growth")
    parser.add_argument("--duration", type=int, default=int(env("BENCH_SECONDS", 0)) or None)
    parser.add_argument("--mixed-seconds", type=int)
    parser.add_argument("--samples", type=int, help="cold requests per kind of page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data set")
    args = parser.parse_args()
    args.duration = args.duration or (3 if args.quick else 10)
    args.mixed_seconds = args.mixed_seconds or (10 if args.quick else 30)
    args.samples = args.samples or (10 if args.quick else 40)
    args.search_seconds = 3 if args.quick else 10
    return args


def load_pages(server, targets, args):
    """Each page as a returning visitor finds it: cached by one request first, so the
    figures are of hits (32 connections on an empty entry would all render it at once)."""
    results = {}
    for name, path in targets.items():
        progress(f"Under load: {name}")
        if name == "search":  # the query mix of benchmarks/search.py, rotated
            search_mix(server.url, 2, args.connections)
            results[name] = search_mix(server.url, args.duration, args.connections)
            results["search, uncached"] = search_mix(
                server.url, args.duration, args.connections, uncached=True
            )
            continue
        with urllib.request.urlopen(server.url + path, timeout=60) as response:  # noqa: S310
            response.read()
        wrk(server.url + path, 2, args.connections)  # warm the workers
        results[name] = wrk(server.url + path, args.duration, args.connections)
    return results


def growth_at(scale, args, environment):
    """benchmarks.cold at another scale, in a process of its own (one database per
    process: Django's settings are fixed at start)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.cold",
            "--scale",
            str(scale),
            "--samples",
            str(args.samples),
            "--search-seconds",
            str(args.search_seconds),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    if out.returncode:
        print(out.stdout, out.stderr, file=sys.stderr)
        raise RuntimeError(f"benchmarks.cold --scale {scale} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    args = options()
    started = time.monotonic()
    environment = dict(os.environ)  # for the growth run, before the bench's own settings
    url = bench_database_url()
    if args.rebuild:
        reset_database(url)
    use_database(url)
    progress(f"Preparing {url.rpartition('/')[2]}")
    targets = prepare(args.scale, args.rebuild)
    facts = page_facts(targets)
    served = {**os.environ, "GUNICORN_WORKERS": str(args.workers)}

    # Four workers booting on a busy machine can take longer than tests allow.
    server = Gunicorn(served, log=VAR / "bench-gunicorn.log", seconds=180)
    try:
        results = load_pages(server, targets, args)
        progress("Cold pages and search with one client")
        here = measure(server.url, args.samples, args.search_seconds)
    finally:
        server.stop()

    probed = Gunicorn(
        served,
        log=VAR / "bench-mixed-gunicorn.log",
        seconds=180,
        app="benchmarks.probe:application",
    )
    try:
        mixed = run_mixed(
            probed.url,
            targets["stylesheet (static)"],
            args.mixed_seconds,
            args.connections,
            quick=args.quick,
        )
    finally:
        probed.stop()

    growth = None
    if args.growth_scale and args.growth_scale != args.scale:
        progress(f"Growth: scale {args.growth_scale}")
        growth = (growth_at(args.growth_scale, args, environment), {"scale": args.scale, **here})

    table.print_all(url, args, results, facts, here, mixed, growth)
    print(f"\nThe whole run took {(time.monotonic() - started) / 60:.1f} min.")


if __name__ == "__main__":
    main()
