"""The national open data files at national scale: time to first byte, total time, size,
and how much the serving process's memory grows while it streams them.

Uses the data set of `make bench` (benchmarks/dataset.py) in its own database, serves it
with one gunicorn worker as in production, downloads each national file over loopback
and samples the worker's resident memory every 20 ms while it streams.

    python -m benchmarks.opendata [--scale 1.0] [--rebuild]

With DATABASE_URL=postgres://…/NAME the data set lives in NAME_bench on that server.
"""

import argparse
import os
import threading
import time
import urllib.request
from pathlib import Path

from benchmarks.database import VAR, bench_database_url, prepare, reset_database, use_database
from benchmarks.serving import Gunicorn

FILES = (
    "/oppna-data/aktivitetsstatus.csv",
    "/oppna-data/aktivitetsstatus.json",
    "/oppna-data/aktiviteter.csv",
    "/oppna-data/perioder.csv",
    "/oppna-data/medborgarloften.zip",
)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


class Sampler(threading.Thread):
    """The highest resident memory of `pid` while running."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, rss_kib(pid), True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.join()
        return self.peak


def download(url):
    """(seconds to the first body byte, seconds in all, bytes)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
        first = response.read(1)
        ttfb = time.perf_counter() - started
        size = len(first)
        while chunk := response.read(1 << 16):
            size += len(chunk)
    return ttfb, time.perf_counter() - started, size


def compare_paths():
    """The statuses written in this process both ways, at the same moment: through a
    cursor (the portable path, SQLite's) and through COPY (PostgreSQL's). A ratio, which
    a busy machine disturbs less than the absolute times."""
    from opendata import streaming
    from opendata.datasets import BY_SLUG

    statuses = BY_SLUG["aktivitetsstatus"]
    rows = []
    for fmt, writer in (("csv", streaming.csv_chunks), ("json", streaming.json_chunks)):
        seconds = []
        for may_copy in (False, True):
            started = time.perf_counter()
            for _chunk in writer(statuses, statuses.select(), may_copy=may_copy):
                pass
            seconds.append(time.perf_counter() - started)
        rows.append((f"aktivitetsstatus.{fmt}", *seconds))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", 1.0)))
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data set")
    args = parser.parse_args()
    VAR.mkdir(exist_ok=True)
    url = bench_database_url()
    if args.rebuild:
        reset_database(url)
    use_database(url)
    prepare(args.scale, args.rebuild)
    from followup.models import ActivityStatus
    from promises.models import Activity, PromisePeriod

    counts = (
        PromisePeriod.objects.public().count(),
        Activity.objects.public().count(),
        ActivityStatus.objects.public().count(),
    )
    server = Gunicorn(
        {**os.environ, "GUNICORN_WORKERS": "1", "GUNICORN_TIMEOUT": "120"},
        log=VAR / "bench-gunicorn.log",
    )
    rows = []
    load_before = os.getloadavg()
    try:
        worker = worker_pid(server.process.pid)
        download(server.url + "/oppna-data/polisregioner.csv")  # imports and connections
        baseline = rss_kib(worker)
        for path in FILES:
            download(server.url + path)  # warm: the database's own caches
            before = rss_kib(worker)
            sampler = Sampler(worker)
            sampler.start()
            ttfb, total, size = download(server.url + path)
            peak = sampler.stop()
            rows.append((path, ttfb, total, size, before, peak))
    finally:
        server.stop()
    paths = compare_paths()
    load_after = os.getloadavg()
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(
        f"\nOpen data downloads on {backend}, scale {args.scale}: {counts[0]} periods, "
        f"{counts[1]} activities, {counts[2]} statuses; worker RSS at start "
        f"{baseline / 1024:.0f} MiB; load average (1, 5, 15 min) before "
        f"{'/'.join(f'{x:.1f}' for x in load_before)}, after "
        f"{'/'.join(f'{x:.1f}' for x in load_after)} on {os.cpu_count()} cores"
    )
    print("| file | first byte | total | size | worker RSS before → peak |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for path, ttfb, total, size, before, peak in rows:
        print(
            f"| {path} | {ttfb * 1000:.0f} ms | {total:.2f} s | {size / 1e6:.1f} MB "
            f"| {before / 1024:.0f} → {peak / 1024:.0f} MiB (+{(peak - before) / 1024:.1f}) |"
        )

    print("\nThe same file written in this process, cursor path vs COPY path (PostgreSQL):")
    print("| file | cursor | COPY | cursor ÷ COPY |")
    print("| --- | ---: | ---: | ---: |")
    for name, cursor, copy in paths:
        print(f"| {name} | {cursor:.2f} s | {copy:.2f} s | {cursor / copy:.1f} |")


if __name__ == "__main__":
    main()
