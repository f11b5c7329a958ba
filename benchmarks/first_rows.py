"""Benchmark 3: time to first rows, from the dashboard's start until the first page is in its table."""

from __future__ import annotations

import asyncio
import time

from smtui.aws import Connection, open_client
from smtui.callstats import CallStats

from .common import Figure, SimProcess, Sizes, median, use_dummy_credentials
from .dashboard import instrumented_app, settings_for

REQUEST = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 100}


async def one_call_latency(url: str, samples: int = 15) -> float:
    """Median seconds of one ListTrainingJobs call (first page, 100 jobs) through smtui's client, warm."""
    times = []
    async with open_client(Connection(endpoint_url=url, region="us-east-1", rate=0), CallStats()) as client:
        await client.list_training_jobs(**REQUEST)
        for _ in range(samples):
            start = time.perf_counter()
            await client.list_training_jobs(**REQUEST)
            times.append(time.perf_counter() - start)
    return median(times)


async def dashboard_first_rows(url: str, jobs: int, timeout: float) -> dict[str, float]:
    """Start the dashboard headless on a fleet of `jobs`; when its first page was in the table, and the rest."""
    app = instrumented_app(settings_for(url, rate=0))
    async with app.run_test(size=(160, 40)) as pilot:
        deadline = time.monotonic() + timeout
        while not app.arrivals and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        if not app.arrivals:
            raise RuntimeError("no page reached the table")
        while not app.loaded and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await pilot.pause()
        first_at, first_spent, first_rows = app.arrivals[0]
        sent = app.feed.stats.sent_at
        return {
            "first": first_at - app.mounted_at,
            "setup": sent[0] - app.mounted_at,
            "call": first_at - first_spent - sent[0],
            "apply": first_spent,
            "rows": first_rows,
            "all": app.arrivals[-1][0] - app.mounted_at if app.loaded else float("nan"),
            "total_rows": app.table.row_count,
            "pages": len(app.arrivals),
            "calls": app.feed.stats.calls,
        }


def run(sizes: Sizes) -> list[Figure]:
    use_dummy_credentials()
    jobs = sizes.first_jobs
    with SimProcess(jobs, seed=5, speed=0) as sim:
        latency = asyncio.run(one_call_latency(sim.url))
        r = asyncio.run(dashboard_first_rows(sim.url, jobs, timeout=300))
    ms = {k: v * 1000 for k, v in r.items() if k in ("first", "setup", "call", "apply", "all")}
    return [Figure(
        "3 first rows", f"dashboard start -> first page in table ({jobs:,} jobs, {-(-jobs // 100) - 1} pages follow)",
        r["first"] * 1000, "ms", latency * 1000, "one call's latency", "< latency + 100 ms",
        r["first"] < latency + 0.1,
        note=f"client set-up {ms['setup']:.0f} ms, first call {ms['call']:.0f} ms, table apply {ms['apply']:.1f} ms "
             f"({r['rows']} rows); all {r['total_rows']:,} rows in after {ms['all']:.0f} ms")]
