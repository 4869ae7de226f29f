"""The search benchmark of issue 15: a realistic query mix, loaded with wrk twice.

- "cached": the 13 searches of QUERY_MIX, rotated. After the first round every answer
  comes from the page cache (search pages are cached whole, portal/urls.py), as a
  repeated popular search would.
- "uncached": thousands of different searches of the same kinds, built from the data
  set's words (unique_paths), each asked once: every request runs the search in the
  database and renders the page. This is the figure that shows what a search costs.

`make bench` runs both as its search rows (benchmarks/run.py calls run_mix). This module
also compares scales, each in a database of its own, to show how the cost grows:

    python -m benchmarks.search [--scales 0.1,1.0] [--duration 10] [--connections N]
    python -m benchmarks.search --profile      # CPU per search, one client, uncached

N defaults to 32 on PostgreSQL and 8 on SQLite (the issue's goals: p95 < 50 ms and
p99 < 100 ms at 32 connections on PostgreSQL; p95 < 100 ms at 8 on SQLite).
"""

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

LUA = Path(__file__).with_name("search.lua")
UNIQUE_PATHS = 6000

# (what it stands for, the query string). The dataset's words: benchmarks/dataset.py.
QUERY_MIX = (
    ("common word (≈8 000 documents)", {"q": "trygghet"}),
    ("common word", {"q": "samverkan"}),
    ("common word, page 2", {"q": "trygghet", "sida": "2"}),
    ("common word, kind filter", {"q": "ungdomar", "typ": "aktivitet"}),
    ("rare word (≈180 documents)", {"q": "Sävstaskolan"}),
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
    print(
        f"Uncached: {UNIQUE_PATHS} different searches of the same kinds in about the same "
        "shares (common words with county, kind and page; rare words; two words; place + "
        "topic; municipality names; misspellings; no-hit words), each asked once."
    )


def unique_paths(count=UNIQUE_PATHS, seed=15):
    """`count` different search addresses of the mix's kinds, from the data set's words
    and the municipalities' and counties' names (needs Django set up)."""
    from benchmarks.dataset import DOMAIN_WORDS, FILLER_WORDS, RARE_WORDS
    from municipalities.models import County, Municipality
    from search.models import Kind
    from search.text import fold

    rng = random.Random(seed)
    towns = list(Municipality.objects.values_list("name", flat=True))
    counties = [""] + list(County.objects.values_list("slug", flat=True))
    kinds = ["", "", "", *Kind.values]

    def common():
        return {
            "q": rng.choice(DOMAIN_WORDS),
            "lan": rng.choice(counties),
            "typ": rng.choice(kinds),
            "sida": rng.choice("1112345"),
        }

    def misspelled():
        word = rng.choice(FILLER_WORDS + list(DOMAIN_WORDS))
        cut = rng.randrange(1, len(word))
        return {"q": word[:cut] + word[cut + 1 :] + rng.choice("aeiou")}

    makers = [
        (4, common),
        (2, lambda: {"q": rng.choice(RARE_WORDS + FILLER_WORDS), "lan": rng.choice(counties)}),
        (1, lambda: {"q": f"{rng.choice(DOMAIN_WORDS)} {rng.choice(DOMAIN_WORDS)}"}),
        (1, lambda: {"q": f"{rng.choice(DOMAIN_WORDS)} {rng.choice(FILLER_WORDS)}"}),
        (2, lambda: {"q": f"{rng.choice(towns)} {rng.choice(DOMAIN_WORDS)}"}),
        (
            1,
            lambda: {
                "q": rng.choice([rng.choice(towns), fold(rng.choice(towns))]),
                "sida": rng.choice("12"),
            },
        ),
        (1, misspelled),
        (1, lambda: {"q": "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(7))}),
    ]
    weighted = [make for weight, make in makers for _ in range(weight)]
    found = set()
    while len(found) < count:
        params = {k: v for k, v in rng.choice(weighted)().items() if v not in ("", "1")}
        found.add(f"/sok/?{urlencode(params)}")
    result = sorted(found)
    rng.shuffle(result)
    return result


def wrk_mix(server_url, duration, connections, path_args=None):
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
            server_url + "/sok/",
            "--",
            *(path_args or paths()),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def unique_path_file():
    """The unique searches (unique_paths) in a file for search.lua's @FILE argument."""
    from benchmarks.run import VAR

    VAR.mkdir(exist_ok=True)
    path_file = VAR / "bench-search-paths.txt"
    path_file.write_text("\n".join(unique_paths()) + "\n")
    return path_file


def run_mix(server_url, duration, connections):
    """Load the running server's search: {"cached": wrk figures for the 13-search mix
    from the page cache, "uncached": wrk figures for unique searches, with "paths" (how
    many there were; fewer than requests means some were asked twice)}. Needs Django
    set up on the server's database (for the names the unique searches use)."""
    path_file = unique_path_file()
    wrk_mix(server_url, 2, connections)  # warm the workers; fills the mix's pages
    uncached = wrk_mix(server_url, duration, connections, [f"@{path_file}"])
    uncached["paths"] = UNIQUE_PATHS
    cached = wrk_mix(server_url, duration, connections)
    return {"cached": cached, "uncached": uncached}


def print_results(results, connections, backend):
    """One line per kind of load and whether the goal is met."""
    goal_p95, goal_p99 = (50, 100) if backend == "PostgreSQL" else (100, None)
    goal = f"p95 < {goal_p95} ms" + (f" and p99 < {goal_p99} ms" if goal_p99 else "")
    print(f"Search on {backend}, {connections} connections (goal: {goal})")
    for name in ("cached", "uncached"):
        r = results[name]
        failed = r["errors"] + r["non2xx"] if r["requests"] else 1
        met = r["p95_ms"] < goal_p95 and (goal_p99 is None or r["p99_ms"] < goal_p99)
        repeats = ""
        if name == "uncached" and r["requests"] > r["paths"]:
            repeats = f", {r['requests'] - r['paths']} repeated (cached)"
        print(
            f"  {name:<9} {r['rps']:>7.0f} req/s  p50 {r['p50_ms']:>7.1f}  p95 {r['p95_ms']:>7.1f}"
            f"  p99 {r['p99_ms']:>7.1f} ms  {failed} failed{repeats} — "
            f"{'met' if met and not failed else 'NOT met'}"
        )


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
    from benchmarks.database import VAR, prepare, use_database
    from benchmarks.serving import Gunicorn

    use_database(database_for(scale))
    prepare(scale, rebuild=False)
    from django.core.cache import cache

    from search.models import SearchDocument

    # Every scale's database shares the one cache (REDIS_URL): pages cached from another
    # scale's database must not answer this one's searches.
    cache.clear()

    documents = SearchDocument.objects.count()
    server = Gunicorn(dict(os.environ), log=VAR / "bench-search-gunicorn.log")
    try:
        result = run_mix(server.url, duration, connections)
        # The ceiling in the same conditions: the stylesheet, served by whitenoise.
        from django.contrib.staticfiles.storage import staticfiles_storage

        from benchmarks.run import wrk

        result["static"] = wrk(
            server.url + staticfiles_storage.url("css/site.css"), duration, connections
        )
    finally:
        server.stop()
    print(json.dumps({"scale": scale, "documents": documents, **result}))


def profile(repeat=20):
    """CPU per search for each search of the mix, one client, the page cache off:
    this process's CPU (Django, the form, the query's Python side, the template) and,
    on a local PostgreSQL, the database server process's CPU for the same requests."""
    import time

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["SEARCH_RATE_LIMIT_PER_MINUTE"] = "0"
    django.setup()
    from django.db import connection
    from django.test import Client, override_settings

    def server_ns():
        try:
            pid = connection.connection.info.backend_pid
            return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        except (AttributeError, OSError):  # SQLite, or a server on another machine
            return 0

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    client = Client(HTTP_HOST="127.0.0.1")
    totals = []
    print(
        f"CPU per search in ms, one client, uncached, {connection.vendor}, mean of "
        f"{repeat}:\n{'':<36}{'query':<26}{'Python':>8}{'database':>10}{'total':>8}"
    )
    with override_settings(CACHES={"default": dummy, "counters": dummy}):
        for label, params in QUERY_MIX:
            client.get("/sok/", params)
            server, own = server_ns(), time.thread_time_ns()
            for _ in range(repeat):
                assert client.get("/sok/", params).status_code == 200
            own = (time.thread_time_ns() - own) / repeat / 1e6
            server = (server_ns() - server) / repeat / 1e6
            totals.append(own + server)
            print(
                f"{label[:35]:<36}{params['q'][:25]:<26}{own:>8.2f}{server:>10.2f}"
                f"{own + server:>8.2f}"
            )
    print(f"Mean CPU per search: {sum(totals) / len(totals):.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1,1.0")
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int)
    parser.add_argument("--profile", action="store_true", help="CPU per search, one client")
    args = parser.parse_args()
    if args.profile:
        profile()
        return
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    backend = "PostgreSQL" if postgres else "SQLite"
    connections = args.connections or (32 if postgres else 8)
    if args.scale is not None:
        one_scale(args.scale, args.duration, connections)
        return
    print_mix()
    rows = []
    for scale in (float(s) for s in args.scales.split(",")):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.search",
                "--scale",
                str(scale),
                "--duration",
                str(args.duration),
                "--connections",
                str(connections),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"\nSearch on {backend}, {connections} connections, {args.duration} s per load\n")
    print("(static: the stylesheet in the same run, the ceiling; the machine's load shows in it)")
    print(
        f"{'scale':>6}{'documents':>11}{'load':>10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}"
    )
    for r in rows:
        for name in ("uncached", "cached", "static"):
            x = r[name]
            print(
                f"{r['scale']:>6}{r['documents']:>11}{name:>10}{x['rps']:>8.0f}"
                f"{x['p50_ms']:>9.1f}{x['p95_ms']:>9.1f}{x['p99_ms']:>9.1f}"
                f"{x['errors'] + x['non2xx']:>8}"
            )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["documents"] / max(first["documents"], 1)
        a, b = first["uncached"], last["uncached"]
        print(
            f"\nHow the cost grows (uncached): {growth:.0f} × the documents gave "
            f"{b['rps'] / a['rps']:.2f} × the rate, p50 × {b['p50_ms'] / a['p50_ms']:.2f}, "
            f"p95 × {b['p95_ms'] / a['p95_ms']:.2f} (linear would be × {growth:.0f})"
        )
    print()
    print_results(rows[-1], connections, backend)


if __name__ == "__main__":
    main()
