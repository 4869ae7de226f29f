"""The search benchmark of issue 15: a realistic query mix, rotated by wrk.

`make bench` runs the mix as its "search" row (benchmarks/run.py). This module also
compares scales, each in a database of its own, to show how the cost grows:

    python -m benchmarks.search [--scales 0.1,1.0] [--duration 10] [--connections N]

N defaults to 32 on PostgreSQL and 8 on SQLite (the issue's goals: p95 < 50 ms and
p99 < 100 ms at 32 connections on PostgreSQL; p95 < 100 ms at 8 on SQLite).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

LUA = Path(__file__).with_name("search.lua")

# (what it stands for, the query string). The dataset's words: benchmarks/dataset.py.
QUERY_MIX = (
    ("common word (≈10 000 documents)", {"q": "trygghet"}),
    ("common word", {"q": "samverkan"}),
    ("common word, page 2", {"q": "trygghet", "sida": "2"}),
    ("common word, kind filter", {"q": "ungdomar", "typ": "aktivitet"}),
    ("rare word (≈100 documents)", {"q": "Sävstaskolan"}),
    ("rare word typed without accents", {"q": "oxnehagatorget"}),
    ("two words", {"q": "nattvandring ungdomar"}),
    ("two words", {"q": "trafikkontroller mopeder"}),
    ("place name + topic", {"q": "Järfälla trygghet"}),
    ("place name + topic", {"q": "Botkyrka krogtillsyner"}),
    ("municipality name", {"q": "Sollentuna"}),
    ('no hit, misspelled ("Menade du")', {"q": "trygghetsvandrng"}),
    ("no hit", {"q": "zxqvw"}),
)


def paths():
    return [f"/sok/?{urlencode(params)}" for _, params in QUERY_MIX]


def print_mix():
    print("Search query mix (rotated, one per request):")
    for label, params in QUERY_MIX:
        print(f"  {label:<36} /sok/?{urlencode(params)}")


def wrk_mix(server_url, duration, connections):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
         "-s", str(LUA), server_url + "/sok/", "--", *paths()],
        capture_output=True, text=True, check=True, timeout=duration + 60,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def database_for(scale):
    from benchmarks.run import bench_database_url

    url = bench_database_url()
    if scale == 1.0:
        return url
    suffix = f"s{round(scale * 100):03d}"
    if url.startswith("sqlite"):
        return url.replace("bench.sqlite3", f"bench-{suffix}.sqlite3")
    return f"{url}_{suffix}"


def one_scale(scale, duration, connections):
    """Prepare the database for `scale`, serve it and load it; prints one JSON line."""
    from benchmarks.run import VAR, ensure_database, prepare
    from benchmarks.serving import Gunicorn

    VAR.mkdir(exist_ok=True)
    url = database_for(scale)
    ensure_database(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_STATIC_ROOT=str(VAR / "bench-static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SEARCH_RATE_LIMIT_PER_MINUTE="0",  # one address sends everything
    )
    prepare(scale, rebuild=False)
    from search.models import SearchDocument

    documents = SearchDocument.objects.count()
    server = Gunicorn(dict(os.environ), log=VAR / "bench-search-gunicorn.log")
    try:
        wrk_mix(server.url, 2, connections)  # warm up
        result = wrk_mix(server.url, duration, connections)
    finally:
        server.stop()
    print(json.dumps({"scale": scale, "documents": documents, **result}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1,1.0")
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int)
    args = parser.parse_args()
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    connections = args.connections or (32 if postgres else 8)
    if args.scale is not None:
        one_scale(args.scale, args.duration, connections)
        return
    print_mix()
    rows = []
    for scale in (float(s) for s in args.scales.split(",")):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.search", "--scale", str(scale),
             "--duration", str(args.duration), "--connections", str(connections)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        rows.append(json.loads(out.strip().splitlines()[-1]))
    backend = "PostgreSQL" if postgres else "SQLite"
    print(f"\nSearch on {backend}, {connections} connections, {args.duration} s per scale\n")
    print(f"{'scale':>6}{'documents':>11}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}")  # fmt: skip
    for r in rows:
        print(
            f"{r['scale']:>6}{r['documents']:>11}{r['rps']:>8.0f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors'] + r['non2xx']:>8}"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["documents"] / max(first["documents"], 1)
        print(
            f"\n{growth:.0f} × the documents: p50 × {last['p50_ms'] / first['p50_ms']:.1f}, "
            f"p95 × {last['p95_ms'] / first['p95_ms']:.1f}"
        )
    goal_p95, goal_p99 = (50, 100) if postgres else (100, None)
    r = rows[-1]
    met = r["p95_ms"] < goal_p95 and (goal_p99 is None or r["p99_ms"] < goal_p99)
    met = met and not (r["errors"] + r["non2xx"])
    goal = f"p95 < {goal_p95} ms" + (f" and p99 < {goal_p99} ms" if goal_p99 else "")
    print(f"Goal at scale {r['scale']}: {goal} — {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
