"""Render screenshots/*.svg from the demo fleet with a fixed seed and a frozen clock: `python scripts/screenshots.py`."""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from textual.widgets import Select

from smtui.aws import Connection
from smtui.settings import Settings
from smtui.sim import Fleet, SimClock, SimServer
from smtui.ui.app import SmtuiApp

OUT = Path(__file__).resolve().parent.parent / "screenshots"
START = datetime(2026, 12, 1, 14, 0, tzinfo=timezone.utc)
SIZE = (160, 45)
SEED, JOBS = 7, 400


async def settle(pilot, app: SmtuiApp) -> None:
    """Until the feed has finished its refresh and made no call for half a second."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        calls = app.feed.stats.calls
        await asyncio.sleep(0.5)
        await pilot.pause()
        if app.loaded and app.feed.refreshing is None and app.feed.stats.calls == calls:
            return
    raise SystemExit("the demo never settled")


async def shoot(url: str, fleet: Fleet, name: str, steps) -> None:
    conn = Connection(endpoint_url=url, region="us-east-1", rate=0, demo=True)
    app = SmtuiApp(Settings(connection=conn), clock=fleet.clock.now, start_paused=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        if steps is not None:
            await steps(pilot, app)
            await settle(pilot, app)
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", path=str(OUT))
    print(f"screenshots/{name}.svg")


async def filtered(pilot, app: SmtuiApp) -> None:
    await pilot.press("slash", *"llama")
    app.filter_bar.query_one("#status", Select).value = "InProgress"
    await pilot.pause(0.6)
    app.feed.refresh_now(full=True)
    await pilot.press("enter")


async def details(pilot, app: SmtuiApp) -> None:
    app.filter_bar.query_one("#status", Select).value = "Completed"
    await pilot.pause(0.6)
    await settle(pilot, app)
    await pilot.press("down", "enter")
    while getattr(app.screen, "description", None) is None:
        await pilot.pause(0.05)


async def warm_pools(pilot, app: SmtuiApp) -> None:
    app.filter_bar.query_one("#pool", Select).value = "Available"
    await pilot.pause(0.6)
    await settle(pilot, app)
    for _ in range(3):  # describe every pool shown (the feed fetches 8 a cycle)
        app.feed.refresh_now()
        await settle(pilot, app)
    await pilot.press("8")  # by billable time, most first


async def main() -> None:
    fleet = Fleet(seed=SEED, jobs=JOBS, clock=SimClock(start=START, speed=0))
    server = SimServer(fleet)
    url = await server.start()
    try:
        OUT.mkdir(exist_ok=True)
        await shoot(url, fleet, "main", None)
        await shoot(url, fleet, "filtered", filtered)
        await shoot(url, fleet, "details", details)
        await shoot(url, fleet, "warm_pools", warm_pools)
    finally:
        await server.stop()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
