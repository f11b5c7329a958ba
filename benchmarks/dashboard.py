"""The dashboard (SmtuiApp) instrumented for the benchmarks: when pages land, and how long the UI loop spends on them."""

from __future__ import annotations

import time
from typing import Any

from smtui.aws import Connection
from smtui.query import JobQuery
from smtui.settings import Settings


def settings_for(url: str, rate: float = 0.0, max_items: int = 0) -> Settings:
    """Settings pointing at the simulator; pacing lifted unless rate > 0; every job kept unless max_items."""
    return Settings(Connection(endpoint_url=url, region="us-east-1", rate=rate), JobQuery(max_items=max_items))


def instrumented_app(settings: Settings, feed: bool = True) -> Any:
    """A SmtuiApp that records when it started (its Load event) and how long each JobsArrived took to handle (time.monotonic).

    With feed=False it never connects: the benchmark posts the messages itself."""
    from smtui.ui.app import SmtuiApp

    class BenchApp(SmtuiApp):
        mounted_at: float | None = None
        arrivals: list[tuple[float, float, int]]
        """(when handled, seconds spent in the handler, rows in the table after it)."""

        def on_load(self) -> None:  # the app's start, before anything is composed
            self.arrivals = []
            self.mounted_at = time.monotonic()
            super().on_load()

        async def _run_feed(self) -> None:
            if feed:
                await super()._run_feed()

        def on_jobs_arrived(self, message: Any) -> None:
            start = time.perf_counter()
            super().on_jobs_arrived(message)
            spent = time.perf_counter() - start
            self.arrivals.append((time.monotonic(), spent, self.table.row_count))

    return BenchApp(settings)
