"""Start the embedded simulator for --demo and point the connection at it."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import AsyncIterator

from .settings import Settings


@contextlib.asynccontextmanager
async def demo_endpoint(settings: Settings) -> AsyncIterator[Settings]:
    """Settings whose connection reaches the simulator (started on 127.0.0.1 for --demo), else unchanged."""
    if settings.demo is None:
        yield settings
        return
    from .sim import start_embedded

    demo = settings.demo
    server = await start_embedded(seed=demo.seed, jobs=demo.jobs, speed=demo.speed)
    try:
        yield replace(settings, connection=replace(settings.connection, endpoint_url=server.url))
    finally:
        await server.stop()
