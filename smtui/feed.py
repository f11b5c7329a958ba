"""Feed: the dashboard's data loop (refresh on a schedule, on demand, on query change), reporting events to a sink."""

from __future__ import annotations

import asyncio
import heapq
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from .aws import ConnectionProblem, open_client
from .callstats import CallStats
from .embedded import Demo, reachable
from .errors import is_credentials_problem, is_throttle, sentence
from .jobs import Job
from .pacer import Pacer
from .poller import Poller
from .query import JobQuery
from .refresh import Refresher
from .schedule import RefreshSchedule
from .settings import Settings
from .store import JobsChanged, JobStore
from .timeparse import utcnow

# DescribeTrainingJob calls per refresh cycle: the quota is shared, so instance counts trickle in (held pools first)
DESCRIBE_PER_CYCLE = 3
# an Available pool bills while idle and its time left needs KeepAlivePeriodInSeconds: it comes first
POOL_PRIORITY = {"Available": 0, "InUse": 1}


@dataclass(frozen=True)
class PageLanded:
    """A page of a refresh was applied to the store."""

    changes: JobsChanged
    kind: str
    done: bool
    generation: int


@dataclass(frozen=True)
class RefreshFailed:
    """A refresh (or the connection) failed; the data held is kept."""

    message: str
    credentials: bool = False
    throttled: bool = False


@dataclass(frozen=True)
class JobDescribed:
    """DescribeTrainingJob answered for one job."""

    name: str
    description: dict[str, Any]


@dataclass(frozen=True)
class QueryApplied:
    """The query changed: jobs it excludes were dropped at once."""

    query: JobQuery
    changes: JobsChanged
    generation: int


@dataclass(frozen=True)
class FeedStatus:
    """What the status line shows."""

    label: str
    jobs: int
    calls: int
    throttled: int
    failed: int
    interval: float
    paused: bool
    refreshing: str | None
    last_success: float | None
    """time.monotonic() of the last refresh that completed."""
    last_data: float | None
    """time.monotonic() of the newest data: a completed refresh, or a page of one under way."""
    next_refresh: float | None
    last_error: str | None
    backing_off: bool
    connected: bool

    def age(self, now: float | None = None) -> float | None:
        """Seconds since the newest good data."""
        if self.last_data is None:
            return None
        return (time.monotonic() if now is None else now) - self.last_data

    def stale(self, now: float | None = None) -> bool:
        """Whether the data is older than three intervals (or never arrived while an error stands)."""
        age = self.age(now)
        if age is None:
            return self.last_error is not None
        return age > 3 * self.interval


FeedEvent = PageLanded | RefreshFailed | JobDescribed | QueryApplied | FeedStatus


@dataclass
class Feed:
    """Owns the client, the store and the refresher for the dashboard's lifetime; never touches widgets."""

    settings: Settings
    sink: Callable[[FeedEvent], None]
    clock: Callable[[], datetime] | None = None
    """What time it is for relative filters and ages: the demo's clock under --demo, else the wall clock."""
    store: JobStore = field(default_factory=JobStore)
    stats: CallStats = field(default_factory=CallStats)
    descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.demo = Demo(self.settings.demo) if self.settings.demo is not None else None
        if self.clock is None:
            self.clock = self.demo.now if self.demo is not None else utcnow
        self.query = self.settings.query
        self.schedule = RefreshSchedule(self.settings.interval, self.settings.full_every)
        self.generation = 0
        self.paused = False
        self.refreshing: str | None = None
        self.last_success: float | None = None
        self.last_data: float | None = None
        self.last_full: float | None = None
        self.next_refresh: float | None = None
        self.last_error: str | None = None
        self.connected = False
        self.completed: Counter[str] = Counter()
        """Refreshes that completed, by kind ('full' or 'hot')."""
        self.label = self.settings.connection.label
        self._wake = asyncio.Event()
        self._due = False
        self._want_full = True
        self._refresh_task: asyncio.Task | None = None
        self._poller: Poller | None = None
        self._refresher: Refresher | None = None
        self._wanted: dict[str, int] = {}
        """Warm-pool jobs still to describe, with their priority (lower first)."""

    # -- commands from the UI -------------------------------------------------------------------------
    def refresh_now(self, full: bool = False) -> None:
        """Refresh at once (a full listing when full)."""
        self._want_full = self._want_full or full
        self._due = True
        self._wake.set()

    def set_query(self, query: JobQuery) -> None:
        """Switch queries: drop excluded jobs now, cancel a refresh under way, list the new query."""
        if query == self.query:
            return
        self.query = query
        self.generation += 1
        if self._refresh_task is not None:
            self._refresh_task.cancel()
        changes = self._refresher.set_query(query) if self._refresher else self.store.retain(
            lambda j: query.matches(j, self.clock()))
        self.sink(QueryApplied(query, changes, self.generation))
        self.refresh_now(full=True)

    def pause(self) -> None:
        """Stop refreshing on the timer (a manual refresh still runs)."""
        self.paused = True
        self._wake.set()

    def resume(self) -> None:
        """Refresh on the timer again, starting now."""
        self.paused = False
        self._due = True
        self._wake.set()

    def change_interval(self, factor: float) -> float:
        """Scale the refresh interval; returns the new one."""
        value = self.schedule.change_interval(factor)
        self._wake.set()  # the wait under way takes the new interval
        return value

    async def describe(self, name: str) -> dict[str, Any]:
        """DescribeTrainingJob now, through the same paced client."""
        if self._poller is None:
            raise ConnectionProblem("smtui is not connected to SageMaker yet.")
        description = await self._poller.describe(name)
        self.descriptions[name] = description
        self.sink(JobDescribed(name, description))
        return description

    async def stop_job(self, name: str) -> None:
        """StopTrainingJob, then a refresh so the table shows Stopping."""
        if self._poller is None:
            raise ConnectionProblem("smtui is not connected to SageMaker yet.")
        await self._poller.stop(name)
        self.refresh_now()

    # -- the loop ------------------------------------------------------------------------------------
    async def run(self) -> None:
        """Run until cancelled; a failure to connect is reported, not raised."""
        try:
            async with reachable(self.settings, self.demo) as live, open_client(
                live.connection, self.stats, Pacer(live.connection.rate)
            ) as client:
                self._poller = Poller(client, self.stats)
                self._refresher = Refresher(self._poller, self.store, self.query, self.clock)
                self.connected = True
                while True:
                    self._due = False
                    full = self._want_full or self._full_due()
                    self._want_full = False
                    await self._refresh(full)
                    rested_from = time.monotonic()  # the interval runs from here, describes included
                    self.next_refresh = None if self.paused else rested_from + self.schedule.delay()
                    self._publish()
                    await self._describe_some()
                    await self._sleep(rested_from)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.connected = False
            self.last_error = sentence(exc)
            self.sink(RefreshFailed(self.last_error, credentials=is_credentials_problem(exc)))
            self._publish()

    def _full_due(self) -> bool:
        return self.last_full is None or time.monotonic() - self.last_full >= self.schedule.full_every

    async def _sleep(self, started: float) -> None:
        """Wait for the next refresh: the interval from started, a command, or (paused) only a command."""
        while not self._due:  # a command given during the refresh just run is due at once
            self._wake.clear()
            deadline = started + self.schedule.delay()  # again after each wake: the interval may have changed
            self.next_refresh = None if self.paused else deadline
            self._publish()
            timeout = None if self.paused else deadline - time.monotonic()
            if timeout is not None and timeout <= 0:
                return
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except asyncio.TimeoutError:
                if not self.paused:
                    return

    async def _refresh(self, full: bool) -> None:
        assert self._refresher is not None
        refresher = self._refresher
        if self.query != refresher.query:
            refresher.set_query(self.query)
        generation = self.generation
        kind = "full" if full or not refresher.hot_ready else "hot"
        self.refreshing = kind
        self._publish()
        self._refresh_task = asyncio.ensure_future(self._walk(refresher, full, generation))
        try:
            await self._refresh_task
        except asyncio.CancelledError:
            if asyncio.current_task().cancelling():  # the feed itself is being cancelled
                raise
            self._want_full = True  # the query changed mid-walk: list the new one
        except Exception as exc:
            self.schedule.failed()
            self.last_error = sentence(exc)
            self.sink(RefreshFailed(self.last_error, is_credentials_problem(exc), is_throttle(exc)))
        else:
            self.schedule.succeeded()
            self.last_success = self.last_data = time.monotonic()
            self.completed[kind] += 1
            if kind == "full":
                self.last_full = self.last_success
            self.last_error = None
        finally:
            self._refresh_task = None
            self.refreshing = None
            self._publish()

    async def _walk(self, refresher: Refresher, full: bool, generation: int) -> None:
        async for applied in refresher.refresh(full=full):
            if generation != self.generation:
                return
            if self.last_success is not None:  # a long listing's pages keep the data fresh
                self.last_data = time.monotonic()
            if applied.changes:
                self.sink(PageLanded(applied.changes, applied.kind, applied.done, generation))
            self._queue_warm_pools(applied.changes)
            self._publish()  # counts and calls move page by page during a long listing

    def _queue_warm_pools(self, changes: JobsChanged) -> None:
        for job in (*changes.added, *changes.changed):
            if _needs_description(job) and job.name not in self.descriptions:
                self._wanted[job.name] = POOL_PRIORITY.get(job.warm_pool_status, len(POOL_PRIORITY))

    async def _describe_some(self) -> None:
        """Describe a few queued jobs, held pools first, within the call budget; on failure the rest wait."""
        for name in heapq.nsmallest(DESCRIBE_PER_CYCLE, self._wanted, key=self._wanted.__getitem__):
            try:
                await self.describe(name)
            except Exception as exc:
                self.last_error = sentence(exc)
                return
            self._wanted.pop(name, None)

    def _publish(self) -> None:
        self.sink(self.status())

    def status(self) -> FeedStatus:
        """A snapshot of the feed's state."""
        return FeedStatus(
            label=self.label, jobs=len(self.store), calls=self.stats.calls, throttled=self.stats.throttled,
            failed=self.stats.failed, interval=self.schedule.interval, paused=self.paused,
            refreshing=self.refreshing, last_success=self.last_success, last_data=self.last_data,
            next_refresh=self.next_refresh,
            last_error=self.last_error, backing_off=self.schedule.backing_off, connected=self.connected,
        )


def _needs_description(job: Job) -> bool:
    """InstanceCount and KeepAlivePeriodInSeconds live only in DescribeTrainingJob: fetch them for warm pools."""
    return job.warm_pool_status is not None
