"""CallStats: what the client has sent and what came back, counted per HTTP attempt."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class CallStats:
    """Counters the poller keeps and the status line shows."""

    calls: int = 0
    throttled: int = 0
    failed: int = 0
    by_operation: dict[str, int] = field(default_factory=dict)
    sent_at: list[float] = field(default_factory=list)
    keep: int = 2000

    def record_call(self, operation: str) -> None:
        """One HTTP attempt went out."""
        self.calls += 1
        self.by_operation[operation] = self.by_operation.get(operation, 0) + 1
        self.sent_at.append(time.monotonic())
        if len(self.sent_at) > self.keep:
            del self.sent_at[: len(self.sent_at) - self.keep]

    def record_error(self, code: str | None) -> None:
        """One attempt failed; throttles are counted apart."""
        if code in THROTTLE_CODES:
            self.throttled += 1
        else:
            self.failed += 1


THROTTLE_CODES = frozenset(
    {"ThrottlingException", "Throttling", "ThrottledException", "RequestThrottled", "TooManyRequestsException"}
)
