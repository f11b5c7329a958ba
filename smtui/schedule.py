"""RefreshSchedule: when the next refresh runs, backing off on throttling and errors, with jitter."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

MAX_BACKOFF = 300.0


@dataclass
class RefreshSchedule:
    """The interval between refreshes, and when the slow full listing is due."""

    interval: float = 10.0
    full_every: float = 600.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    jitter: float = 1.0
    """This backoff's random factor (0.5 to 1), drawn once per failure so that the wait stays put."""

    def delay(self) -> float:
        """Seconds until the next refresh: the interval, doubled per consecutive failure, jittered."""
        if not self.failures:
            return self.interval
        return min(MAX_BACKOFF, self.interval * 2 ** min(self.failures, 10)) * self.jitter

    def succeeded(self) -> None:
        """A refresh went through: back to the normal interval."""
        self.failures = 0

    def failed(self) -> None:
        """A refresh failed (throttled or otherwise): wait longer next time."""
        self.failures += 1
        self.jitter = 0.5 + self.rng.random() / 2

    def change_interval(self, factor: float) -> float:
        """Scale the interval, kept between 2 s and 10 minutes; returns the new value."""
        self.interval = max(2.0, min(600.0, round(self.interval * factor)))
        return self.interval

    @property
    def backing_off(self) -> bool:
        """Whether refreshes are spaced out because of failures."""
        return self.failures > 0
