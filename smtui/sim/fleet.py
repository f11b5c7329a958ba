"""The simulated account: a seeded, lazily growing fleet of training jobs on a sim clock."""

from __future__ import annotations

import bisect
import random
import threading
from datetime import datetime

from . import describe as _describe
from . import listing
from .clock import SimClock
from .errors import NOT_FOUND, validation
from .timeline import Job, PoolFinder, new_job, state_at, stop, summary

# Jobs per sim hour; with the catalog's durations this keeps about 150 jobs InProgress.
ARRIVALS_PER_HOUR = 85.0


class Fleet:
    """Training jobs that exist at the clock's time: `jobs` already there, more arriving as it runs."""

    def __init__(self, seed: int = 7, jobs: int = 400, clock: SimClock | None = None,
                 arrivals_per_hour: float = ARRIVALS_PER_HOUR) -> None:
        self.seed = seed
        self.clock = clock or SimClock()
        self._rate = arrivals_per_hour / 3600.0
        self._arrivals = random.Random(f"{seed}:arrivals")
        self._rng = random.Random(f"{seed}:jobs")
        self._lock = threading.RLock()
        self._pools = PoolFinder()
        self.jobs: list[Job] = []  # creation-ascending
        self.keys: list[tuple[float, str]] = []  # (created, name), parallel to jobs
        self._by_name: dict[str, Job] = {}
        start = float(int(self.clock.epoch()))  # whole seconds: the wire carries times to the millisecond
        span = jobs / self._rate
        for created in sorted(round(self._arrivals.uniform(start - span, start)) for _ in range(jobs)):
            self._add(float(created))
        # jobs born in the same second must still be in key order, or the paging cursor's bisect skips some
        order = sorted(range(len(self.jobs)), key=self.keys.__getitem__)
        self.jobs = [self.jobs[i] for i in order]
        self.keys = [self.keys[i] for i in order]
        self._next = max(start, self.jobs[-1].created if self.jobs else start) + self._gap()

    def _gap(self) -> float:
        return float(max(1, round(self._arrivals.expovariate(self._rate))))

    def _add(self, created: float) -> None:
        job = new_job(self._rng, created, self._by_name.keys(), self._pools)
        self.jobs.append(job)
        self.keys.append((job.created, job.name))
        self._by_name[job.name] = job

    def _catch_up(self) -> float:
        """Create the jobs the clock has passed; return sim time now (epoch)."""
        t = self.clock.epoch()
        while self._next <= t:
            self._add(self._next)
            self._next += self._gap()
        return t

    def visible(self, t: float) -> int:
        """How many jobs exist at t (a prefix of self.jobs)."""
        return bisect.bisect_right(self.keys, (t, "\uffff"))

    def now(self) -> datetime:
        """Sim time now."""
        with self._lock:
            self._catch_up()
        return self.clock.now()

    def epoch(self) -> float:
        """Sim time now as epoch seconds, with arrivals created up to it."""
        with self._lock:
            return self._catch_up()

    def job_count(self) -> int:
        """Jobs that exist now."""
        with self._lock:
            return self.visible(self._catch_up())

    def summaries(self, t: datetime | None = None) -> list[dict]:
        """Every job's summary at t (default now), creation-ascending, with datetime values."""
        with self._lock:
            now = self._catch_up()
            at = now if t is None else min(t.timestamp(), now)
            return [summary(j, at) for j in self.jobs[: self.visible(at)]]

    def truth(self, params: dict) -> list[dict]:
        """All the summaries a full paged ListTrainingJobs with params would return now, in order."""
        with self._lock:
            return listing.truth(self, params, self._catch_up())

    def list_training_jobs(self, params: dict, *, repeat_previous: bool = False) -> dict:
        """One ListTrainingJobs response (datetimes in it); raises ApiError on bad params."""
        with self._lock:
            return listing.list_page(self, params, self._catch_up(), repeat_previous=repeat_previous)

    def job(self, name: str) -> Job:
        """The job called name that exists now; ValidationException if none."""
        t = self._catch_up()
        job = self._by_name.get(name) if isinstance(name, str) else None
        if job is None or job.created > t:
            raise validation(NOT_FOUND)
        return job

    def describe(self, name: str) -> dict:
        """The DescribeTrainingJob response for name now (datetimes in it)."""
        with self._lock:
            job = self.job(name)
            return _describe.describe(job, self.clock.epoch())

    def stop(self, name: str) -> None:
        """Stop an InProgress job: Stopping now, Stopped a little later (sim time)."""
        with self._lock:
            job = self.job(name)
            t = self.clock.epoch()
            status = state_at(job, t).status
            if status != "InProgress":
                raise validation(f"The request was rejected because the training job is in status {status}.")
            stop(job, round(t, 3), random.Random(job.detail_seed).randint(15, 90))
