"""Pacer: an async limit on calls per second, shared by every request a client sends (retries too)."""

from __future__ import annotations

import asyncio
import time


MARGIN = 1.03


class Pacer:
    """Spaces calls at least 1/rate seconds apart; rate <= 0 lifts the limit."""

    def __init__(self, rate: float, clock=time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._next = 0.0
        self._lock = asyncio.Lock()

    @property
    def interval(self) -> float:
        """Seconds between two calls: a little over 1/rate, so that network jitter cannot bunch them over the rate."""
        return MARGIN / self.rate if self.rate > 0 else 0.0

    async def wait(self) -> None:
        """Return when the next call may go out, and book its slot."""
        if self.rate <= 0:
            return
        async with self._lock:
            now = self._clock()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
            if delay > 0:
                await asyncio.sleep(delay)
