"""JobQuery: the ListTrainingJobs request parameters, validated against botocore's model and matchable locally."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, Callable

from .jobs import Job
from .servicemodel import list_rules
from .timeparse import TimeInputError, TimeSpec, parse_time


class QueryError(ValueError):
    """A query SageMaker would reject; str() is one sentence saying what is allowed."""


# attribute -> ListTrainingJobs request member, in the order the AWS CLI documents them
STRING_FILTERS = {
    "name_contains": "NameContains",
    "status_equals": "StatusEquals",
    "warm_pool_status_equals": "WarmPoolStatusEquals",
    "training_plan_arn_equals": "TrainingPlanArnEquals",
}
TIME_FILTERS = {
    "creation_time_after": "CreationTimeAfter",
    "creation_time_before": "CreationTimeBefore",
    "last_modified_time_after": "LastModifiedTimeAfter",
    "last_modified_time_before": "LastModifiedTimeBefore",
}
# Filters whose truth for a job can flip as the job changes: an old job may start (or stop) matching them.
MUTABLE_FILTERS = ("status_equals", "warm_pool_status_equals", "last_modified_time_after", "last_modified_time_before")

_SORT_KEYS: dict[str, Callable[[Job], Any]] = {
    "Name": lambda j: j.name,
    "CreationTime": lambda j: j.creation_time,
    "Status": lambda j: j.status,
}


@dataclass(frozen=True)
class JobQuery:
    """Every ListTrainingJobs request parameter, plus the client-side cap on items (0 = all)."""

    name_contains: str | None = None
    status_equals: str | None = None
    warm_pool_status_equals: str | None = None
    training_plan_arn_equals: str | None = None
    creation_time_after: TimeSpec | None = None
    creation_time_before: TimeSpec | None = None
    last_modified_time_after: TimeSpec | None = None
    last_modified_time_before: TimeSpec | None = None
    sort_by: str = "CreationTime"
    sort_order: str = "Descending"
    page_size: int = 100
    max_items: int = 1000

    def problems(self) -> list[str]:
        """Every reason SageMaker would reject this query, one sentence each."""
        rules = list_rules()
        out = []
        for attr, member in STRING_FILTERS.items():
            value = getattr(self, attr)
            if value is not None and (p := rules[member].problem(value)):
                out.append(p)
        for member, value in (("SortBy", self.sort_by), ("SortOrder", self.sort_order), ("MaxResults", self.page_size)):
            if p := rules[member].problem(value):
                out.append(p)
        if self.max_items < 0:
            out.append(f"max-items must be 0 (all) or a positive number; got {self.max_items}.")
        return out

    def validated(self) -> JobQuery:
        """This query, or QueryError with the first problem."""
        problems = self.problems()
        if problems:
            raise QueryError(problems[0])
        return self

    def filter_params(self, now: datetime) -> dict[str, Any]:
        """The filter members of the request (no sort, no paging), times resolved at now."""
        params: dict[str, Any] = {}
        for attr, member in STRING_FILTERS.items():
            if (value := getattr(self, attr)) is not None:
                params[member] = value
        for attr, member in TIME_FILTERS.items():
            if (spec := getattr(self, attr)) is not None:
                params[member] = spec.resolve(now)
        return params

    def request(self, now: datetime) -> dict[str, Any]:
        """The ListTrainingJobs request for a full listing, without NextToken."""
        return {
            **self.filter_params(now),
            "SortBy": self.sort_by,
            "SortOrder": self.sort_order,
            "MaxResults": self.page_size,
        }

    def matches(self, job: Job, now: datetime) -> bool:
        """Whether SageMaker's filters would keep this job, with the meaning the server gives each."""
        if self.name_contains and self.name_contains.lower() not in job.name.lower():
            return False
        if self.status_equals and job.status != self.status_equals:
            return False
        if self.warm_pool_status_equals and job.warm_pool_status != self.warm_pool_status_equals:
            return False
        if self.training_plan_arn_equals and job.training_plan_arn != self.training_plan_arn_equals:
            return False
        return _within(job.creation_time, self.creation_time_after, self.creation_time_before, now) and _within(
            job.last_modified_time, self.last_modified_time_after, self.last_modified_time_before, now
        )

    @property
    def has_filters(self) -> bool:
        """Whether any filter member is set."""
        return any(getattr(self, a) is not None for a in (*STRING_FILTERS, *TIME_FILTERS))

    @property
    def has_time_filters(self) -> bool:
        """Whether any time bound is set."""
        return any(getattr(self, a) is not None for a in TIME_FILTERS)

    @property
    def membership_can_change(self) -> bool:
        """Whether a job that does not match now may match later (a status, warm-pool or modified-time filter)."""
        return any(getattr(self, a) is not None for a in MUTABLE_FILTERS)

    def sort_key(self) -> Callable[[Job], Any]:
        """A key that orders jobs as SageMaker orders this query's results (ties by name)."""
        key = _SORT_KEYS[self.sort_by]
        return lambda j: (key(j), j.name)

    @property
    def descending(self) -> bool:
        """Whether results come newest (or last) first."""
        return self.sort_order == "Descending"

    def with_changes(self, **changes: Any) -> JobQuery:
        """A copy with some parameters changed."""
        return replace(self, **changes)


def _within(value: datetime | None, after: TimeSpec | None, before: TimeSpec | None, now: datetime) -> bool:
    if after is None and before is None:
        return True
    if value is None:
        return False
    if after is not None and not value > after.resolve(now):
        return False
    return before is None or value < before.resolve(now)


def build_query(inputs: dict[str, Any]) -> JobQuery:
    """A validated JobQuery from raw inputs (strings for times, '' meaning unset); QueryError on bad input."""
    known = {f.name for f in fields(JobQuery)}
    values: dict[str, Any] = {}
    for key, raw in inputs.items():
        if key not in known:
            raise QueryError(f"unknown query parameter {key!r}.")
        if raw is None or raw == "":
            continue
        if key in TIME_FILTERS:
            try:
                values[key] = raw if isinstance(raw, TimeSpec) else parse_time(str(raw))
            except TimeInputError as exc:
                raise QueryError(f"{TIME_FILTERS[key]}: {exc}") from None
        else:
            values[key] = raw
    return JobQuery(**values).validated()
