"""Helpers for the UI tests: a simulator on a frozen clock over loopback, the app pointed at it, waiting."""

from __future__ import annotations

import asyncio

import pytest
import time
from datetime import datetime, timezone
from typing import Any, Callable

from smtui.aws import Connection
from smtui.query import JobQuery
from smtui.settings import Settings
from smtui.sim import Fleet, SimClock, SimServer
from smtui.ui.app import SmtuiApp

START = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
SIZE = (160, 45)


class Recorder:
    """Wraps a fleet's list_training_jobs to keep every request's parameters (as sent over the wire)."""

    def __init__(self, fleet: Fleet) -> None:
        self.requests: list[dict[str, Any]] = []
        inner = fleet.list_training_jobs

        def record(params: dict, **kw: Any) -> dict:
            self.requests.append(dict(params))
            return inner(params, **kw)

        fleet.list_training_jobs = record  # the server calls it through the instance


def make_fleet(jobs: int = 150, seed: int = 11) -> Fleet:
    """A seeded fleet whose clock stands still (tests move it with advance())."""
    return Fleet(seed=seed, jobs=jobs, clock=SimClock(start=START, speed=0))


def make_settings(url: str, interval: float = 30.0, allow_stop: bool = False, demo_label: bool = False,
                  **query: Any) -> Settings:
    """Settings for the app against a simulator at url, with pacing lifted (demo_label: say "demo", not the URL)."""
    conn = Connection(endpoint_url=url, region="us-east-1", rate=0, max_attempts=1, connect_timeout=2,
                      read_timeout=5, demo=demo_label)
    return Settings(connection=conn, query=JobQuery(**query), interval=interval, allow_stop=allow_stop)


def make_app(url: str, fleet: Fleet, start_paused: bool = False, **kw: Any) -> SmtuiApp:
    """The dashboard on the fleet's clock."""
    return SmtuiApp(make_settings(url, **kw), clock=fleet.clock.now, start_paused=start_paused)


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)


async def settled(pilot, quiet: float = 0.3, timeout: float = 10.0) -> None:
    """Wait for a first refresh to finish and the feed to make no call for `quiet` seconds."""
    app = pilot.app
    await wait_for(pilot, lambda: app.loaded and app.feed.refreshing is None, timeout, "the first refresh")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = app.feed.stats.calls
        await asyncio.sleep(quiet)
        await pilot.pause()
        if app.feed.stats.calls == calls and app.feed.refreshing is None:
            return
    raise AssertionError("the feed never went quiet")


async def refreshed(pilot, full: bool = False) -> None:
    """Ask for a refresh and wait until it has completed."""
    app = pilot.app
    before = app.feed.last_success
    app.feed.refresh_now(full=full)
    await wait_for(pilot, lambda: app.feed.last_success != before and app.feed.refreshing is None,
                   what="a refresh")
    await pilot.pause()


def names(app: SmtuiApp) -> list[str]:
    """The table's job names in display order."""
    return app.table.ordered_names()


def truth_names(fleet: Fleet, params: dict | None = None) -> list[str]:
    """Every job a full listing with params returns now, in the server's order."""
    return [s["TrainingJobName"] for s in fleet.truth(params or {"SortBy": "CreationTime",
                                                                  "SortOrder": "Descending"})]


async def started_server(fleet: Fleet) -> SimServer:
    """A SimServer for fleet, started on 127.0.0.1."""
    server = SimServer(fleet)
    await server.start()
    return server


@pytest.fixture
async def ui_sim(request):
    """(fleet, server, recorder): a frozen fleet of the test module's FLEET_JOBS jobs (default 150), served."""
    fleet = make_fleet(jobs=getattr(request.module, "FLEET_JOBS", 150))
    recorder = Recorder(fleet)
    server = await started_server(fleet)
    yield fleet, server, recorder
    await server.stop()
