"""`smtui --once`: one full listing of the query, printed, then exit."""

from __future__ import annotations

from typing import TextIO

from .aws import open_client
from .callstats import CallStats
from .embedded import Demo, reachable
from .output import write
from .poller import Poller
from .refresh import Refresher
from .settings import Settings
from .store import JobStore
from .timeparse import utcnow


async def list_once(settings: Settings, stats: CallStats | None = None) -> JobStore:
    """A store holding one complete listing of the settings' query."""
    stats = stats or CallStats()
    store = JobStore()
    demo = Demo(settings.demo) if settings.demo is not None else None
    async with reachable(settings, demo) as live, open_client(live.connection, stats) as client:
        refresher = Refresher(Poller(client, stats), store, live.query, demo.now if demo else utcnow)
        async for _ in refresher.full():
            pass
    return store


async def run_once(settings: Settings, fmt: str, out: TextIO) -> int:
    """List, print in fmt, return the exit status."""
    store = await list_once(settings)
    write(list(store), fmt, out, utcnow())  # one listing's store keeps the server's own order
    return 0
