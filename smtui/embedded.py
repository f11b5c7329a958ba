"""The embedded simulator for --demo: a fleet on its own clock, served on 127.0.0.1 while in use."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from typing import AsyncIterator

from .settings import DemoSettings, Settings


class Demo:
    """The demo's fleet and clock; the dashboard shows times on this clock, which runs faster than real time."""

    def __init__(self, demo: DemoSettings) -> None:
        from .sim import Fleet, SimClock

        self.clock = SimClock(speed=demo.speed)
        self.fleet = Fleet(seed=demo.seed, jobs=demo.jobs, clock=self.clock)

    def now(self) -> datetime:
        """The demo fleet's time."""
        return self.clock.now()

    @contextlib.asynccontextmanager
    async def serving(self, settings: Settings) -> AsyncIterator[Settings]:
        """Serve the fleet on 127.0.0.1; yields settings whose connection points at it."""
        from .sim import SimServer

        server = SimServer(self.fleet)
        url = await server.start()
        try:
            yield replace(settings, connection=replace(settings.connection, endpoint_url=url))
        finally:
            await server.stop()


@contextlib.asynccontextmanager
async def reachable(settings: Settings, demo: Demo | None) -> AsyncIterator[Settings]:
    """Settings whose connection reaches SageMaker: the demo's simulator when there is one."""
    if demo is None:
        yield settings
        return
    async with demo.serving(settings) as live:
        yield live
