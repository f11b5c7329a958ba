"""The simulator's clock: real time scaled by a speed, or frozen and moved only by advance()."""

from __future__ import annotations

import time
from datetime import datetime, timezone


class SimClock:
    """Sim time = start + real elapsed * speed + everything advance()d; speed=0 freezes it."""

    def __init__(self, start: datetime | None = None, speed: float = 1.0) -> None:
        if start is None:
            start = datetime.now(timezone.utc).replace(microsecond=0)
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        self.start = start
        self.speed = speed
        self._start_epoch = start.timestamp()
        self._real0 = time.monotonic()
        self._offset = 0.0

    def epoch(self) -> float:
        """Sim time now as epoch seconds."""
        return self._start_epoch + self._offset + (time.monotonic() - self._real0) * self.speed

    def now(self) -> datetime:
        """Sim time now as an aware UTC datetime."""
        return datetime.fromtimestamp(self.epoch(), timezone.utc)

    def advance(self, seconds: float) -> None:
        """Move sim time forward by seconds (whatever the speed)."""
        self._offset += seconds

    def set_speed(self, speed: float) -> None:
        """Run at a new speed from now on, without a jump in sim time (0 freezes it)."""
        now = time.monotonic()
        self._offset += (now - self._real0) * self.speed
        self._real0 = now
        self.speed = speed
