"""Run the dashboard's Feed against a SimServer and watch its events, without any UI."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

from smtui.aws import Connection
from smtui.feed import Feed, FeedStatus, RefreshFailed
from smtui.jobs import Job
from smtui.query import JobQuery
from smtui.settings import Settings
from smtui.sim import SimServer


def feed_settings(url: str, query: JobQuery | None = None, *, rate: float = 50.0, interval: float = 0.1,
                  read_timeout: float = 2.0, max_attempts: int = 2, full_every: float = 600.0) -> Settings:
    """Settings for a feed on a local endpoint, with fast refreshes for tests."""
    conn = Connection(endpoint_url=url, region="us-east-1", rate=rate, max_attempts=max_attempts,
                      connect_timeout=1.0, read_timeout=read_timeout)
    return Settings(connection=conn, query=query or JobQuery(max_items=0), interval=interval, full_every=full_every)


class FeedRun:
    """`async with FeedRun(server, settings) as run:` runs feed.run() as a task and records every event."""

    def __init__(self, server: SimServer, settings: Settings) -> None:
        self.server = server
        self.events: list[Any] = []
        self.feed = Feed(settings, self.events.append, clock=server.fleet.now)
        self.task: asyncio.Task | None = None

    async def __aenter__(self) -> FeedRun:
        self.task = asyncio.create_task(self.feed.run())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        assert self.task is not None
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass

    async def until(self, predicate: Callable[[], Any], timeout: float = 10.0) -> None:
        """Wait until predicate() is true, or fail the test."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if self.task is not None and self.task.done():
                self.task.result()
                raise AssertionError("the feed stopped")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; last events: {self.events[-3:]}")
            await asyncio.sleep(0.02)

    def failures(self) -> list[RefreshFailed]:
        """Every RefreshFailed so far."""
        return [e for e in self.events if isinstance(e, RefreshFailed)]

    def successes(self) -> int:
        """How many refreshes have completed."""
        return len({e.last_success for e in self.events if isinstance(e, FeedStatus) and e.last_success})

    async def next_success(self, timeout: float = 10.0) -> None:
        """Wait for one more completed refresh than now."""
        seen = self.successes()
        await self.until(lambda: self.successes() > seen, timeout)

    def held(self) -> dict[str, Job]:
        """The feed's store by name."""
        return {j.name: j for j in self.feed.store}

    def truth(self) -> dict[str, Job]:
        """What a full listing of the feed's query returns now."""
        fleet, query = self.server.fleet, self.feed.query
        jobs = [Job.from_summary(s) for s in fleet.truth(query.request(fleet.now()))]
        return {j.name: j for j in (jobs[: query.max_items] if query.max_items else jobs)}
