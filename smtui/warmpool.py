"""Warm-pool aggregates (pure): jobs and billable time per pool status, time left, reuse, instance time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from .jobs import Job

POOL_ORDER = ("InUse", "Available", "Reused", "Terminated")


@dataclass(frozen=True)
class PoolGroup:
    """The jobs holding (or having held) a warm pool in one status."""

    status: str
    jobs: int = 0
    billable_seconds: int = 0
    instance_seconds: int = 0
    """Billable seconds x InstanceCount, summed over the jobs whose instance count is known."""
    counted: int = 0
    """How many of the jobs have a known InstanceCount (from DescribeTrainingJob)."""


@dataclass(frozen=True)
class AvailablePool:
    """A pool waiting to be reused: how long until SageMaker releases it (None while unknown)."""

    name: str
    seconds_left: float | None
    instance_count: int | None
    instance_type: str | None


@dataclass(frozen=True)
class WarmPoolSummary:
    """Everything the warm-pool panel shows."""

    groups: tuple[PoolGroup, ...] = ()
    available: tuple[AvailablePool, ...] = ()
    reused: tuple[tuple[str, str], ...] = ()
    """(job whose pool was reused, the job that reused it), newest first."""
    total_billable: int = 0
    total_instance_seconds: int = 0

    def group(self, status: str) -> PoolGroup:
        """The group for a status (empty when no job has it)."""
        return next((g for g in self.groups if g.status == status), PoolGroup(status))


def resource_config(description: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """ResourceConfig from a DescribeTrainingJob answer ({} when absent or not fetched yet)."""
    return (description or {}).get("ResourceConfig") or {}


def instance_count(description: Mapping[str, Any] | None) -> int | None:
    """ResourceConfig.InstanceCount from a DescribeTrainingJob answer."""
    return resource_config(description).get("InstanceCount")


def keep_alive(description: Mapping[str, Any] | None) -> int | None:
    """ResourceConfig.KeepAlivePeriodInSeconds from a DescribeTrainingJob answer."""
    return resource_config(description).get("KeepAlivePeriodInSeconds")


def seconds_left(job: Job, description: Mapping[str, Any] | None, now: datetime) -> float | None:
    """For an Available pool: keep-alive minus the time since training ended (never below 0)."""
    period = keep_alive(description)
    if period is None:
        return None
    if job.training_end_time is not None:
        idle = (now - job.training_end_time).total_seconds()
    elif job.warm_pool_billable_seconds is not None:
        idle = job.warm_pool_billable_seconds
    else:
        return None
    return max(0.0, period - idle)


def summarize(jobs: Iterable[Job], descriptions: Mapping[str, Mapping[str, Any]], now: datetime) -> WarmPoolSummary:
    """Aggregate the warm pools of jobs; statuses this version does not know get their own group."""
    acc: dict[str, list[int]] = {}
    available: list[AvailablePool] = []
    reused: list[tuple[datetime, str, str]] = []
    for job in jobs:
        status = job.warm_pool_status
        if status is None:
            continue
        row = acc.setdefault(status, [0, 0, 0, 0])
        billable = job.warm_pool_billable_seconds or 0
        desc = descriptions.get(job.name)
        count = instance_count(desc)
        row[0] += 1
        row[1] += billable
        if count is not None:
            row[2] += billable * count
            row[3] += 1
        if status == "Available":
            itype = resource_config(desc).get("InstanceType")
            available.append(AvailablePool(job.name, seconds_left(job, desc, now), count, itype))
        if job.warm_pool_reused_by:
            reused.append((job.creation_time, job.name, job.warm_pool_reused_by))
    order = [s for s in POOL_ORDER if s in acc] + sorted(s for s in acc if s not in POOL_ORDER)
    groups = tuple(PoolGroup(s, *acc[s]) for s in order)
    available.sort(key=lambda p: (p.seconds_left is None, p.seconds_left or 0, p.name))
    reused.sort(reverse=True)
    return WarmPoolSummary(
        groups=groups,
        available=tuple(available),
        reused=tuple((name, by) for _, name, by in reused),
        total_billable=sum(g.billable_seconds for g in groups),
        total_instance_seconds=sum(g.instance_seconds for g in groups),
    )
