"""Print a listing for `smtui --once`: an aligned table, JSON with the API's field names, or CSV."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from typing import Any, Iterable, TextIO

from .formatting import ago, compact_duration, run_text
from .jobs import Job
from .timeparse import iso

FORMATS = ("table", "json", "csv")
CSV_FIELDS = (
    "TrainingJobName", "TrainingJobStatus", "SecondaryStatus", "CreationTime", "TrainingEndTime",
    "LastModifiedTime", "WarmPoolStatus", "ResourceRetainedBillableTimeInSeconds", "ReusedByJob",
    "TrainingPlanArn", "TrainingJobArn",
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def write_json(jobs: Iterable[Job], out: TextIO) -> None:
    """An array of TrainingJobSummary objects, times in ISO 8601 UTC."""
    json.dump([_jsonable(j.to_summary()) for j in jobs], out, indent=2)
    out.write("\n")


def write_csv(jobs: Iterable[Job], out: TextIO) -> None:
    """One row a job, the warm pool flattened."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for j in jobs:
        writer.writerow([
            j.name, j.status, j.secondary_status or "", iso(j.creation_time), iso(j.training_end_time) or "",
            iso(j.last_modified_time) or "", j.warm_pool_status or "",
            "" if j.warm_pool_billable_seconds is None else j.warm_pool_billable_seconds,
            j.warm_pool_reused_by or "", j.training_plan_arn or "", j.arn,
        ])


def write_table(jobs: Iterable[Job], out: TextIO, now: datetime) -> None:
    """Aligned columns for a terminal."""
    header = ("NAME", "STATUS", "SECONDARY", "CREATED", "DURATION", "WARM POOL", "BILLABLE", "PLAN")
    rows = [header] + [
        (j.name, j.status, j.secondary_status or "-", ago(j.creation_time, now), run_text(j, now),
         j.warm_pool_status or "-", compact_duration(j.warm_pool_billable_seconds) or "-", j.plan_name or "-")
        for j in jobs
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")


def write(jobs: list[Job], fmt: str, out: TextIO, now: datetime) -> None:
    """Write jobs in the named format."""
    if fmt == "json":
        write_json(jobs, out)
    elif fmt == "csv":
        write_csv(jobs, out)
    else:
        write_table(jobs, out, now)
        out.write(f"{len(jobs)} job{'s' if len(jobs) != 1 else ''}\n")
