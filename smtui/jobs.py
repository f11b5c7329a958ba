"""Job: one TrainingJobSummary as an immutable, compact value (missing fields are None)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

RUNNING_STATUSES = frozenset({"InProgress", "Stopping"})
ACTIVE_STATUSES = RUNNING_STATUSES | {"Deleting"}
ACTIVE_WARM_POOLS = frozenset({"InUse", "Available"})


def can_change(status: str | None, warm_pool_status: str | None) -> bool:
    """Whether SageMaker may still change a job: running, stopping, deleting, or holding a warm pool."""
    return status in ACTIVE_STATUSES or warm_pool_status in ACTIVE_WARM_POOLS


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    if value.tzinfo is timezone.utc:  # what smtui's client parses to (aws.parse_timestamp_utc)
        return value
    return value.astimezone(timezone.utc)


def plan_name(arn: str) -> str:
    """A training plan's short name: its ARN's last path part."""
    return arn.rsplit("/", 1)[-1]


def _shared(value: str | None) -> str | None:
    # statuses and plan ARNs repeat across every job: one copy each, not one per job (100,000 jobs held)
    return None if value is None else sys.intern(value)


@dataclass(frozen=True, slots=True)
class Job:
    """What ListTrainingJobs says of one job; enum values are kept as they came, known or not."""

    name: str
    arn: str
    status: str
    creation_time: datetime
    secondary_status: str | None = None
    training_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    warm_pool_status: str | None = None
    warm_pool_billable_seconds: int | None = None
    warm_pool_reused_by: str | None = None
    training_plan_arn: str | None = None

    @classmethod
    def from_summary(cls, summary: dict[str, Any]) -> Job:
        """Build from a TrainingJobSummary as botocore parses it."""
        pool = summary.get("WarmPoolStatus") or {}
        return cls(
            name=summary["TrainingJobName"],
            arn=summary.get("TrainingJobArn", ""),
            status=_shared(summary.get("TrainingJobStatus", "Unknown")),
            creation_time=_utc(summary["CreationTime"]),
            secondary_status=_shared(summary.get("SecondaryStatus")),
            training_end_time=_utc(summary.get("TrainingEndTime")),
            last_modified_time=_utc(summary.get("LastModifiedTime")),
            warm_pool_status=_shared(pool.get("Status")),
            warm_pool_billable_seconds=pool.get("ResourceRetainedBillableTimeInSeconds"),
            warm_pool_reused_by=pool.get("ReusedByJob"),
            training_plan_arn=_shared(summary.get("TrainingPlanArn")),
        )

    def to_summary(self) -> dict[str, Any]:
        """The TrainingJobSummary with the API's own field names; absent fields are left out."""
        out: dict[str, Any] = {
            "TrainingJobName": self.name,
            "TrainingJobArn": self.arn,
            "CreationTime": self.creation_time,
        }
        if self.training_end_time is not None:
            out["TrainingEndTime"] = self.training_end_time
        if self.last_modified_time is not None:
            out["LastModifiedTime"] = self.last_modified_time
        out["TrainingJobStatus"] = self.status
        if self.secondary_status is not None:
            out["SecondaryStatus"] = self.secondary_status
        if self.warm_pool_status is not None:
            pool: dict[str, Any] = {"Status": self.warm_pool_status}
            if self.warm_pool_billable_seconds is not None:
                pool["ResourceRetainedBillableTimeInSeconds"] = self.warm_pool_billable_seconds
            if self.warm_pool_reused_by is not None:
                pool["ReusedByJob"] = self.warm_pool_reused_by
            out["WarmPoolStatus"] = pool
        if self.training_plan_arn is not None:
            out["TrainingPlanArn"] = self.training_plan_arn
        return out

    @property
    def can_change(self) -> bool:
        """Whether SageMaker may still change this job: running, stopping, or holding a warm pool."""
        return can_change(self.status, self.warm_pool_status)

    @property
    def plan_name(self) -> str | None:
        """The training plan's short name (the ARN's last path part)."""
        return plan_name(self.training_plan_arn) if self.training_plan_arn else None
