"""Run the headless dashboard against a simulator until it holds every job, then print peak RSS as JSON.

`python -m benchmarks.memory_child URL EXPECTED_JOBS` (0: nothing to load, the baseline)."""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

from .dashboard import instrumented_app, settings_for

TIMEOUT = 1500.0


async def main(url: str, expect: int) -> dict:
    app = instrumented_app(settings_for(url, rate=0))
    start = time.monotonic()
    async with app.run_test(size=(160, 40)) as pilot:
        while app.feed.last_success is None or app.table.row_count < expect:  # a full listing completed
            await asyncio.sleep(0.05)
            if app.feed.last_error:
                raise RuntimeError(app.feed.last_error)
            if time.monotonic() - start > TIMEOUT:
                raise RuntimeError(f"only {app.table.row_count} of {expect} rows after {TIMEOUT:.0f} s")
        await pilot.pause()
        app.feed.pause()
        seconds = time.monotonic() - start
        rows, store = app.table.row_count, len(app.feed.store)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux
    return {"peak": peak, "rows": rows, "store": store, "seconds": seconds}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], int(sys.argv[2])))))
