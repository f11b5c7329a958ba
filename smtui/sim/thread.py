"""SimThread: a SimServer on its own event loop in a daemon thread, for synchronous callers."""

from __future__ import annotations

import asyncio
import threading

from .faults import Faults
from .fleet import Fleet
from .server import SimServer


class SimThread:
    """`with SimThread(fleet) as sim:` serves at sim.url until the block ends."""

    def __init__(self, fleet: Fleet | None = None, faults: Faults | None = None, port: int = 0) -> None:
        self.fleet = fleet or Fleet()
        self.server = SimServer(self.fleet, faults)
        self.url: str | None = None
        self._port = port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="smtui-sim", daemon=True)

    def __enter__(self) -> SimThread:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self.server.start(self._port), self._loop)
        self.url = future.result(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
