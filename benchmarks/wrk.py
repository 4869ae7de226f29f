"""Running wrk against a served instance; every figure comes back as one JSON line
printed by the Lua scripts beside this file."""

import json
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def wrk(url, seconds, connections, script="report.lua", args=()):
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / script),
            url,
            *(["--", *args] if args else []),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def search_mix(server_url, seconds, connections, *, uncached=False):
    """The search engineer's query mix (benchmarks/search.py), rotated by wrk: the one
    place the bench asks for search figures. `uncached`: different searches, each asked
    once (benchmarks.search.unique_path_file), so the figure is the search's own cost
    and not the page cache's. One client needs one wrk thread, which wrk_mix does not
    start: the same mix and script then go through wrk() here."""
    from benchmarks.search import paths, unique_path_file, wrk_mix

    path_args = [f"@{unique_path_file()}"] if uncached else paths()
    if connections == 1:
        return wrk(server_url + "/sok/", seconds, 1, "search.lua", path_args)
    return wrk_mix(server_url, seconds, connections, path_args)


def failures(result):
    """Requests that went wrong; a run that completed none has failed outright (wrk then
    reports zero latency, which must not read as a goal met)."""
    failed = result["errors"] + result["non2xx"]
    return failed if result["requests"] else max(failed, 1)
