"""Injectable faults the server consults on every request; tests flip them at runtime."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from .errors import ApiError

# kind -> the operation it can hit (None: any); "needs_token" kinds only fire on a request with NextToken
KINDS: dict[str, str | None] = {
    "stall": None,            # hold the response `stall` seconds, past a client's read timeout
    "reset": None,            # send half the response, then close the connection
    "not_json": None,         # answer 200 with an HTML body
    "expired_token": None,    # ExpiredTokenException
    "access_denied": None,    # AccessDeniedException
    "clock_skew": None,       # every returned time `skew` seconds in the future
    "no_summaries": "ListTrainingJobs",  # 200 without TrainingJobSummaries
    "reject_token": "ListTrainingJobs",  # a valid NextToken answered "Invalid pagination token"
    "repeat_job": "ListTrainingJobs",    # the page starts with the previous page's last job
}
NEEDS_TOKEN = {"reject_token", "repeat_job"}

ERRORS = {
    "expired_token": ApiError("ExpiredTokenException", "The security token included in the request is expired"),
    "access_denied": ApiError(
        "AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/ml-platform-readonly/dev is not authorized to "
        "perform: sagemaker:{op} because no identity-based policy allows the sagemaker:{op} action"),
}
SERVER_ERRORS = (
    ApiError("InternalFailure", "An internal error occurred. Try again.", 500),
    ApiError("ServiceUnavailable", "Service is unavailable. Try again later.", 503),
)
THROTTLED = ApiError("ThrottlingException", "Rate exceeded")


@dataclass
class Faults:
    """What goes wrong, and how often: each kind by `rates[kind]` (0..1) or the next `once[kind]` requests."""

    rate_limit: float | None = None  # requests/s per account (token bucket, burst = max(1, rate))
    error_rate: float = 0.0  # share answered 500 InternalFailure or 503 ServiceUnavailable
    latency: float = 0.0  # seconds added to every response
    stall: float = 30.0  # how long a "stall" holds its response
    skew: float = 3600.0  # how far "clock_skew" moves times into the future
    rates: dict[str, float] = field(default_factory=dict)
    once: dict[str, int] = field(default_factory=dict)
    seed: int = 0
    _rng: random.Random = field(init=False, repr=False)
    _buckets: dict[str, tuple[float, float]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        for kind in (*self.rates, *self.once):
            if kind not in KINDS:
                raise ValueError(f"unknown fault {kind!r}; known: {', '.join(KINDS)}")

    def arm(self, kind: str, times: int = 1) -> None:
        """Make the next `times` requests the fault can hit suffer it."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(KINDS)}")
        self.once[kind] = self.once.get(kind, 0) + times

    def fires(self, kind: str, operation: str, has_token: bool = False) -> bool:
        """Whether fault `kind` hits this request (consumes a one-shot when it does)."""
        target = KINDS[kind]
        if (target is not None and target != operation) or (kind in NEEDS_TOKEN and not has_token):
            return False
        if self.once.get(kind, 0) > 0:
            self.once[kind] -= 1
            return True
        rate = self.rates.get(kind, 0.0)
        return rate > 0 and self._rng.random() < rate

    def error_for(self, kind: str, operation: str) -> ApiError:
        """The AWS error a failing kind answers with."""
        err = ERRORS[kind]
        return ApiError(err.code, err.message.format(op=operation), err.status)

    def server_error(self) -> ApiError | None:
        """A 500/503 for `error_rate` of requests."""
        if self.error_rate > 0 and self._rng.random() < self.error_rate:
            return self._rng.choice(SERVER_ERRORS)
        return None

    def throttle(self, account: str) -> bool:
        """Token bucket per account in real time: True when this request is over the rate limit."""
        if not self.rate_limit:
            return False
        now = time.monotonic()
        burst = max(1.0, self.rate_limit)
        tokens, last = self._buckets.get(account, (burst, now))
        tokens = min(burst, tokens + (now - last) * self.rate_limit)
        if tokens < 1.0:
            self._buckets[account] = (tokens, now)
            return True
        self._buckets[account] = (tokens - 1.0, now)
        return False
