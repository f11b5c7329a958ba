"""Human text for job fields: relative times, durations, billable time (shared by --once and the dashboard)."""

from __future__ import annotations

from datetime import datetime

from .jobs import RUNNING_STATUSES, Job


def compact_duration(seconds: float | None) -> str:
    """Like 45s, 12m, 3h05m, 2d04h; '' for None."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, s = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{s:02d}s" if minutes < 10 else f"{minutes}m"
    hours, m = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h{m:02d}m"
    days, h = divmod(hours, 24)
    return f"{days}d{h:02d}h"


def ago(instant: datetime | None, now: datetime) -> str:
    """'5m ago', 'in 2m' for a time in the future (clock skew), '' for None."""
    if instant is None:
        return ""
    delta = (now - instant).total_seconds()
    if delta < 0:
        return f"in {compact_duration(-delta)}"
    return f"{compact_duration(delta)} ago"


def run_seconds(job: Job, now: datetime) -> float:
    """How long the job has run (running) or ran (ended), from creation."""
    end = job.training_end_time or (None if job.status in RUNNING_STATUSES else job.last_modified_time)
    return max(0.0, ((end or now) - job.creation_time).total_seconds())


def run_text(job: Job, now: datetime) -> str:
    """'running 12m' or 'ran 3h05m'."""
    verb = "running" if job.status in RUNNING_STATUSES else "ran"
    return f"{verb} {compact_duration(run_seconds(job, now))}"
