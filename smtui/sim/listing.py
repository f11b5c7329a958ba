"""ListTrainingJobs semantics: validate, sort, cut the page, then filter it, and the oracle."""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import TYPE_CHECKING

from smtui.servicemodel import list_rules, timestamp_members

from . import token
from .errors import validation
from .timeline import Job, JobState, state_at, summary

if TYPE_CHECKING:
    from .fleet import Fleet

DEFAULTS = {"SortBy": "CreationTime", "SortOrder": "Ascending", "MaxResults": 10}


def normalize(params: dict) -> dict:
    """params checked against botocore's model, with defaults filled; ValidationException otherwise."""
    rules, stamps = list_rules(), timestamp_members()
    params = {k: (v.timestamp() if isinstance(v, datetime) else v) for k, v in params.items()}
    for name, value in params.items():
        if name in stamps:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise validation(f"{name} must be a timestamp in epoch seconds; got {value!r}.")
            continue
        rule = rules.get(name)
        if rule is None:
            continue  # SageMaker ignores members it does not model here
        expected = str if hasattr(rule, "pattern") else int
        if isinstance(value, bool) or not isinstance(value, expected):
            raise validation(f"{name} must be a {expected.__name__}; got {value!r}.")
        problem = rule.problem(value)
        if problem:
            raise validation(problem)
    return {**DEFAULTS, **params}


def matches(job: Job, s: JobState, q: dict) -> bool:
    """Whether job, in state s, passes every filter in q."""
    name = q.get("NameContains")
    if name and name.lower() not in job.name.lower():
        return False
    if "StatusEquals" in q and s.status != q["StatusEquals"]:
        return False
    if "WarmPoolStatusEquals" in q and s.pool_status != q["WarmPoolStatusEquals"]:
        return False
    if "TrainingPlanArnEquals" in q and job.plan_arn != q["TrainingPlanArnEquals"]:
        return False
    if "CreationTimeAfter" in q and not job.created > q["CreationTimeAfter"]:
        return False
    if "CreationTimeBefore" in q and not job.created < q["CreationTimeBefore"]:
        return False
    if "LastModifiedTimeAfter" in q and not s.last_modified > q["LastModifiedTimeAfter"]:
        return False
    if "LastModifiedTimeBefore" in q and not s.last_modified < q["LastModifiedTimeBefore"]:
        return False
    return True


def ordered(fleet: Fleet, sort_by: str, t: float) -> tuple[list[tuple], list[Job]]:
    """Sort keys (ascending, unique) and the jobs in that order, for jobs existing at t."""
    n = fleet.visible(t)
    if sort_by == "CreationTime":
        if n == len(fleet.jobs):  # the usual case: no copy, so a page costs O(page)
            return fleet.keys, fleet.jobs
        return fleet.keys[:n], fleet.jobs[:n]
    if sort_by == "Name":
        pairs = sorted(((j.name,), j) for j in fleet.jobs[:n])
    else:
        pairs = sorted(((state_at(j, t).status, j.created, j.name), j) for j in fleet.jobs[:n])
    return [k for k, _ in pairs], [j for _, j in pairs]


def _cut(keys: list[tuple], jobs: list[Job], after: tuple | None, size: int, descending: bool,
         back: int = 0) -> tuple[list[Job], tuple | None]:
    """The page of size jobs following cursor `after`, and the cursor to resume from (None at the end)."""
    if descending:
        hi = len(keys) if after is None else min(len(keys), bisect.bisect_left(keys, after) + back)
        lo = max(0, hi - size)
        page = jobs[lo:hi][::-1]
        more = lo > 0
    else:
        lo = 0 if after is None else max(0, bisect.bisect_right(keys, after) - back)
        hi = lo + size
        page = jobs[lo:hi]
        more = hi < len(keys)
    if not page or not more:
        return page, None
    last = (lo if descending else hi - 1)
    return page, keys[last]


_CURSOR_TYPES = {
    "CreationTime": ((int, float), str),
    "Name": (str,),
    "Status": (str, (int, float), str),
}


def _cursor(q: dict) -> tuple | None:
    """The NextToken's cursor, checked to have the shape this sort's keys have."""
    if not q.get("NextToken"):
        return None
    after = token.decode(q["NextToken"], q)
    types = _CURSOR_TYPES[q["SortBy"]]
    if len(after) != len(types) or not all(isinstance(v, ty) for v, ty in zip(after, types)):
        raise validation(token.INVALID)
    return tuple(float(v) if isinstance(v, int) else v for v in after)


def list_page(fleet: Fleet, params: dict, t: float, *, repeat_previous: bool = False) -> dict:
    """One ListTrainingJobs response at t: the page is cut first, then filtered."""
    q = normalize(params)
    after = _cursor(q)
    keys, jobs = ordered(fleet, q["SortBy"], t)
    back = 1 if repeat_previous and after is not None else 0
    page, cursor = _cut(keys, jobs, after, q["MaxResults"], q["SortOrder"] == "Descending", back)
    out = []
    for job in page:
        s = state_at(job, t)
        if matches(job, s, q):
            out.append(summary(job, t, s))
    resp: dict = {"TrainingJobSummaries": out}
    if cursor is not None:
        resp["NextToken"] = token.encode(cursor, q)
    return resp


def truth(fleet: Fleet, params: dict, t: float) -> list[dict]:
    """Everything a full paged listing with params returns at t, in order (the test oracle)."""
    q = normalize({k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")})
    _, jobs = ordered(fleet, q["SortBy"], t)
    if q["SortOrder"] == "Descending":
        jobs = jobs[::-1]
    out = []
    for job in jobs:
        s = state_at(job, t)
        if matches(job, s, q):
            out.append(summary(job, t, s))
    return out
