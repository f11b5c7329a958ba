"""smtui.sim: a seeded SageMaker training-job simulator served over SageMaker's own JSON protocol."""

from __future__ import annotations

from .clock import SimClock
from .faults import Faults
from .fleet import Fleet
from .server import SimServer
from .thread import SimThread

__all__ = ["Fleet", "SimClock", "Faults", "SimServer", "SimThread", "start_embedded"]


async def start_embedded(seed: int = 7, jobs: int = 400, speed: float = 30.0) -> SimServer:
    """A started SimServer (its .url set) over a fresh fleet whose clock runs `speed` times real time."""
    server = SimServer(Fleet(seed=seed, jobs=jobs, clock=SimClock(speed=speed)))
    await server.start()
    return server
