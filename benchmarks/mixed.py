"""The mixed benchmark of issue 15: 32 connections read random public pages of every
municipality while an editor saves a report in a random municipality once a second
through the admin (benchmarks/editor.py). Served by benchmarks.probe, which marks each
answer as rendered or not, so the hit rate is counted per response, not estimated.

The pages: every municipality's page, all its periods and the follow-up reports of the
period in force, and every county and police area page (with --quick: the municipality
page, the period in force and its latest report).
"""

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from benchmarks.database import VAR, progress
from benchmarks.editor import Editor, create_editor
from benchmarks.wrk import wrk


def public_paths(quick=False):
    """(the pages read, the admin change pages of the reports among them)."""
    from django.urls import reverse

    from followup.models import FollowUpReport
    from promises.models import PromisePeriod

    periods = list(
        PromisePeriod.objects.public()
        .select_related("municipality__county", "police_area")
        .order_by("municipality__code", "-starts_on")
    )
    latest = {}
    for period in periods:
        latest.setdefault(period.municipality_id, period)
    reports = FollowUpReport.objects.filter(
        period__in=latest.values(), status="published"
    ).select_related("period__municipality")
    reports = sorted(reports, key=lambda r: (r.period.municipality.code, r.year, r.tertial))
    if quick:
        newest = {}
        for report in reports:
            newest[report.period_id] = report
        reports = list(newest.values())
        periods = list(latest.values())
    paths = []
    for period in latest.values():
        paths.append(period.municipality.get_absolute_url())
        paths.append(period.municipality.county.get_absolute_url())
        paths.append(period.police_area.get_absolute_url())
    paths += [period.get_absolute_url() for period in periods]
    paths += [report.get_absolute_url() for report in reports]
    admin = [reverse("admin:followup_followupreport_change", args=[r.pk]) for r in reports]
    return list(dict.fromkeys(paths)), admin


def warm(server_url, paths, threads=4):
    """Visit every page once so the measurement starts from a full cache, as a site that
    has been up for a while has; returns (seconds, pages that did not answer 200)."""

    def get(path):
        try:
            with urllib.request.urlopen(server_url + path, timeout=60) as response:  # noqa: S310
                response.read()
                return response.status == 200
        except OSError:
            return False

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        failed = sum(not ok for ok in pool.map(get, paths))
    return time.monotonic() - started, failed


def run_mixed(server_url, stylesheet, seconds, connections, quick=False):
    """Load the pages with edits going on; returns the figures for the table."""
    paths, report_admin = public_paths(quick)
    page_list, ceiling_list = VAR / "bench-mixed-paths.txt", VAR / "bench-mixed-ceiling.txt"
    page_list.write_text("\n".join(paths) + "\n")
    ceiling_list.write_text(stylesheet + "\n")
    # The ceiling through the same server, probe and script as the pages.
    wrk(server_url + "/", 2, connections, "mixed.lua", [str(ceiling_list)])
    ceiling = wrk(server_url + "/", seconds, connections, "mixed.lua", [str(ceiling_list)])
    progress(f"Mixed: warming the cache with {len(paths)} pages")
    warm_seconds, warm_failed = warm(server_url, paths)
    progress(f"Mixed: {seconds} s of reading with edits")
    editor = Editor(server_url, create_editor(), report_admin)
    editor.log_in()
    editor.start()
    try:
        result = wrk(server_url + "/", seconds, connections, "mixed.lua", [str(page_list)])
    finally:
        editor.stop()
    answered = result["rendered"] + result["cached"]
    seconds_per_edit = sorted(editor.seconds)
    return {
        **result,
        "pages": len(paths),
        "ceiling_rps": ceiling["rps"],
        "ratio": result["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0,
        "hit_rate": result["cached"] / answered if answered else 0.0,
        "warm_seconds": warm_seconds,
        "warm_failed": warm_failed,
        "edits": editor.saved,
        "edits_skipped": editor.skipped,
        "edit_failures": editor.failed,
        "edit_median_s": seconds_per_edit[len(seconds_per_edit) // 2] if seconds_per_edit else 0,
    }
