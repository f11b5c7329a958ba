"""One job's whole life precomputed at creation, and its state at any sim time as a pure function."""

from __future__ import annotations

import math
import random
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from .catalog import FAMILIES, FAMILY_WEIGHTS, PLANS, Family, job_arn, job_name, plan_family

SHARE_FAILED = 0.176
SHARE_STOPPED = 0.118
SHARE_WARM_POOL = 0.18
SHARE_PLAN = 0.15
SHARE_SPOT = 0.2
SHARE_REUSE = 0.3  # of new jobs that find a matching Available pool

# (secondary status, seconds range) before and after the training phase
_BEFORE = (
    ("Starting", (5, 60)),
    ("LaunchingMLInstances", (60, 300)),
    ("PreparingTrainingStack", (20, 90)),
    ("Downloading", (30, 300)),
    ("DownloadingTrainingImage", (30, 180)),
)
_UPLOAD = (20, 240)

FAILURES = {
    "LaunchingMLInstances": "CapacityError: Unable to provision requested ML compute capacity. "
    "Please retry using a different ML instance type.",
    "Downloading": "ClientError: Data download failed:Could not download s3://ml-platform-data/"
    "train/shard-00017.parquet: insufficient disk space. Increase VolumeSizeInGB.",
    "DownloadingTrainingImage": "ClientError: Unable to pull training image. Verify the image "
    "exists and the execution role has ecr:BatchGetImage permission.",
    "Training": (
        "AlgorithmError: ExecuteUserScriptError: ExitCode 1 ErrorMessage "
        "\"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\"",
        "AlgorithmError: ExecuteUserScriptError: ExitCode 1 ErrorMessage \"ValueError: "
        "Expected input batch_size (32) to match target batch_size (31)\"",
        "InternalServerError: We encountered an internal error. Please try again.",
    ),
}

_TERMINAL_STATUS = {"Completed": "Completed", "Failed": "Failed", "Stopped": "Stopped", "Stopping": "Stopping"}


@dataclass(slots=True)
class Job:
    """A job's fixed facts and precomputed timeline (times are epoch seconds)."""

    name: str
    created: float
    family: Family
    instance_type: str
    instance_count: int
    spot: bool
    plan_arn: str | None
    keep_alive: int | None
    steps: list[tuple[str, float]]  # secondary statuses and their start times; the last is terminal
    failure_reason: str | None
    detail_seed: int
    pool_end: float | None = None  # when the warm pool was Reused or Terminated
    reused_by: str | None = None
    reused_pool: bool = False  # this job started on another job's warm pool
    stopped_by_user: bool = field(default=False)

    @property
    def end(self) -> float:
        """When the job reached its terminal status (in the future while it runs)."""
        return self.steps[-1][1]

    @property
    def final_status(self) -> str:
        """Completed, Failed or Stopped."""
        return self.steps[-1][0]

    def pool_expires(self) -> float:
        """When the warm pool ends unless reused first."""
        if self.final_status == "Failed":
            return self.end
        return self.end + (self.keep_alive or 0)


class JobState(NamedTuple):
    """What a job looks like at one instant."""

    status: str
    secondary: str
    ended: bool
    last_modified: float
    pool_status: str | None
    pool_billable: int | None


def state_at(job: Job, t: float) -> JobState:
    """The job's state at sim time t (t >= job.created)."""
    secondary, last = job.steps[0]
    for status, start in job.steps:
        if start > t:
            break
        secondary, last = status, start
    ended = t >= job.end
    status = _TERMINAL_STATUS.get(secondary, "InProgress")
    pool_status = billable = None
    if job.keep_alive is not None:
        if not ended:
            pool_status = "InUse"
        else:
            pool_end = job.pool_end if job.pool_end is not None else job.pool_expires()
            if t < pool_end:
                pool_status = "Available"
            else:
                pool_status = "Reused" if job.reused_by else "Terminated"
                last = max(last, pool_end)
            billable = int(min(t, pool_end) - job.end)
    return JobState(status, secondary, ended, last, pool_status, billable)


def to_datetime(epoch: float) -> datetime:
    """An aware UTC datetime."""
    return datetime.fromtimestamp(epoch, timezone.utc)


def summary(job: Job, t: float, state: JobState | None = None) -> dict:
    """The TrainingJobSummary SageMaker would list for job at t (datetimes, optional fields omitted)."""
    s = state or state_at(job, t)
    out: dict = {
        "TrainingJobName": job.name,
        "TrainingJobArn": job_arn(job.name),
        "CreationTime": to_datetime(job.created),
    }
    if s.ended:
        out["TrainingEndTime"] = to_datetime(job.end)
    out["LastModifiedTime"] = to_datetime(s.last_modified)
    out["TrainingJobStatus"] = s.status
    out["SecondaryStatus"] = s.secondary
    if s.pool_status is not None:
        out["WarmPoolStatus"] = warm_pool(job, s)
    if job.plan_arn:
        out["TrainingPlanArn"] = job.plan_arn
    return out


def _span(rng: random.Random, lo: float, hi: float) -> float:
    """Whole seconds drawn log-uniformly from [lo, hi]."""
    return float(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))


def new_job(rng: random.Random, created: float, taken: Container[str], pools: PoolFinder) -> Job:
    """Draw one job created at `created`, its whole timeline included."""
    plan = rng.choice(PLANS) if rng.random() < SHARE_PLAN else None
    if plan:
        family, itype = plan_family(plan, rng), plan.instance_type
    else:
        family = rng.choices(FAMILIES, FAMILY_WEIGHTS)[0]
        itype = rng.choice(family.instance_types)
    count = rng.randint(*family.counts)
    name = job_name(family, created, rng)
    while name in taken:
        name = job_name(family, created, rng)
    keep_alive = rng.randrange(600, 3601, 60) if rng.random() < SHARE_WARM_POOL else None
    donor = pools.take(itype, created) if rng.random() < SHARE_REUSE else None
    if donor is not None:
        # a job only reuses a pool it matches, and keeps a pool itself
        count, keep_alive = donor.instance_count, keep_alive or donor.keep_alive
        donor.pool_end, donor.reused_by = created, name
    steps = _walk(rng, created, family, reused=donor is not None)
    outcome = rng.random()
    reason = None
    if outcome < SHARE_FAILED:
        reason = _fail(rng, steps)
    elif outcome < SHARE_FAILED + SHARE_STOPPED:
        _stop_at(steps, float(round(rng.uniform(steps[1][1], steps[-1][1]))), rng.randint(10, 90))
    job = Job(name, created, family, itype, count, plan is None and rng.random() < SHARE_SPOT,
              plan.arn if plan else None, keep_alive, steps, reason, rng.getrandbits(32),
              reused_pool=donor is not None)
    if keep_alive is not None:
        pools.add(job)
    return job


def _walk(rng: random.Random, created: float, family: Family, reused: bool) -> list[tuple[str, float]]:
    """The secondary-status walk of a job that completes."""
    steps, t = [], created
    for status, (lo, hi) in _BEFORE:
        steps.append((status, t))
        if reused and status == "LaunchingMLInstances":
            lo, hi = 5, 20  # warm instances are already there
        t += rng.randint(lo, hi)
    steps.append(("Training", t))
    t += _span(rng, family.minutes[0] * 60, family.minutes[1] * 60)
    steps.append(("Uploading", t))
    t += rng.randint(*_UPLOAD)
    steps.append(("Completed", t))
    return steps


def _fail(rng: random.Random, steps: list[tuple[str, float]]) -> str:
    """Turn a completing walk into a failing one; returns the FailureReason."""
    stage = rng.choices(("LaunchingMLInstances", "Downloading", "DownloadingTrainingImage", "Training"),
                        (1, 1.5, 1, 6.5))[0]
    i = next(i for i, (s, _) in enumerate(steps) if s == stage)
    at = rng.uniform(steps[i][1] + 1, steps[i + 1][1])
    del steps[i + 1:]
    steps.append(("Failed", float(round(at))))
    reason = FAILURES[stage]
    return rng.choice(reason) if isinstance(reason, tuple) else reason


def _stop_at(steps: list[tuple[str, float]], at: float, delay: float) -> None:
    """Cut the walk at `at` with Stopping, then Stopped after delay seconds."""
    at = max(at, steps[0][1])
    while len(steps) > 1 and steps[-1][1] >= at:
        steps.pop()
    steps.append(("Stopping", at))
    steps.append(("Stopped", at + delay))


def stop(job: Job, now: float, delay: float) -> None:
    """Rewrite a running job's future: Stopping now, Stopped after delay."""
    _stop_at(job.steps, now, delay)
    job.failure_reason, job.stopped_by_user = None, True


class PoolFinder:
    """Warm pools that a new job could still reuse, by instance type."""

    def __init__(self) -> None:
        self._by_type: dict[str, list[Job]] = {}

    def add(self, job: Job) -> None:
        self._by_type.setdefault(job.instance_type, []).append(job)

    def take(self, itype: str, t: float) -> Job | None:
        """The oldest pool of itype Available at t, if any (expired pools are dropped)."""
        pools = self._by_type.get(itype)
        if not pools:
            return None
        pools[:] = [p for p in pools if p.reused_by is None and p.pool_expires() > t]
        for i, p in enumerate(pools):
            if p.end <= t and p.final_status != "Failed":
                return pools.pop(i)
        return None


def warm_pool(job: Job, s: JobState) -> dict:
    """The WarmPoolStatus structure of a job that has a pool, in state s."""
    pool: dict = {"Status": s.pool_status}
    if s.pool_billable is not None:
        pool["ResourceRetainedBillableTimeInSeconds"] = s.pool_billable
    if s.pool_status == "Reused":
        pool["ReusedByJob"] = job.reused_by
    return pool
