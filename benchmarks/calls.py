"""Benchmark 1: ListTrainingJobs calls per steady-state refresh, against a full re-listing, on a changing fleet."""

from __future__ import annotations

import asyncio
import math
from typing import Any, AsyncIterator

from smtui.aws import Connection, open_client
from smtui.callstats import CallStats
from smtui.poller import Listing, Page, Poller
from smtui.query import build_query
from smtui.refresh import Refresher
from smtui.store import JobStore

from .common import Figure, SimProcess, Sizes

QUERIES = {"all jobs": {"max_items": 0}, "StatusEquals=InProgress": {"status_equals": "InProgress", "max_items": 0}}
SPEED = 120.0
"""Sim seconds per real second: the fleet moves about two sim minutes between two refreshes."""


class WatchedPoller(Poller):
    """A Poller that keeps the Listing of its last walk, to count the jobs a hot walk saw."""

    last: Listing | None = None

    async def pages(self, request: dict[str, Any], listing: Listing | None = None,
                    limit: int = 0) -> AsyncIterator[Page]:
        self.last = listing = listing if listing is not None else Listing()
        async for page in super().pages(request, listing, limit):
            yield page


async def _drain(walk: AsyncIterator[Any]) -> list[Any]:
    return [applied async for applied in walk]


async def measure(url: str, inputs: dict[str, Any], rounds: int, pause: float) -> dict[str, Any]:
    """Steady-state refreshes (after the start-up walks) and a full re-listing each round, side by side."""
    query = build_query(inputs)
    ours, naive = CallStats(), CallStats()
    conn = Connection(endpoint_url=url, region="us-east-1", rate=0)
    rows = []
    async with open_client(conn, ours) as client, open_client(conn, naive) as naive_client:
        poller = WatchedPoller(client, ours)
        refresher = Refresher(poller, JobStore(), query)
        naive_refresher = Refresher(Poller(naive_client, naive), JobStore(), query)
        warmup = 0
        while not refresher.hot_ready:  # the start-up full listing (and, for a status filter, one unfiltered walk)
            await _drain(refresher.refresh())
            warmup += 1
            if warmup > 3:
                raise RuntimeError("the refresher never became ready for hot refreshes")
        for _ in range(rounds):
            await asyncio.sleep(pause)
            edge = refresher.boundary()
            before = ours.calls
            pages = await _drain(refresher.refresh())
            calls = ours.calls - before
            seen = poller.last.seen.values() if poller.last else ()
            window = sum(1 for j in seen if edge is None or j.creation_time >= edge)
            before = naive.calls
            await _drain(naive_refresher.full())
            rows.append({"kind": pages[-1].kind, "calls": calls, "window": window,
                         "goal": math.ceil(window / 100) + 1, "full": naive.calls - before,
                         "held": len(refresher.store), "naive_held": len(naive_refresher.store)})
    return {"rows": rows, "warmup": warmup}


def run(sizes: Sizes) -> list[Figure]:
    figures = []
    for jobs in sizes.calls_jobs:
        with SimProcess(jobs, seed=11, speed=SPEED) as sim:
            for label, inputs in QUERIES.items():
                result = asyncio.run(measure(sim.url, inputs, sizes.calls_rounds, sizes.calls_pause))
                rows = result["rows"]
                worst = max(rows, key=lambda r: (r["calls"] - r["goal"], r["calls"]))
                ok = all(r["kind"] == "hot" and r["calls"] <= r["goal"] for r in rows)
                calls = [r["calls"] for r in rows]
                figures.append(Figure(
                    "1 calls", f"refresh, {jobs:,} jobs, {label}", max(calls), "calls",
                    baseline=max(r["full"] for r in rows), baseline_label="full re-listing",
                    goal=f"<= ceil({worst['window']}/100)+1 = {worst['goal']}", passed=ok,
                    note=f"{len(rows)} refreshes: {calls} calls; windows {[r['window'] for r in rows]} jobs; "
                         f"matching held {rows[-1]['held']} (full listing: {rows[-1]['naive_held']})"))
    return figures
