"""The jobs table's model (no Textual): columns, raw sort keys, cell texts, and TableOrder, the sorted display order."""

from __future__ import annotations

import bisect
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from .formatting import ago, compact_duration, run_seconds, run_text
from .jobs import Job

# (key, label, width, descending first when chosen); a header's sort arrow may take its right padding
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("name", "Name", 12, False),
    ("status", "Status", 10, False),
    ("secondary", "Secondary status", 22, False),
    ("created", "Created", 9, True),
    ("duration", "Duration", 13, True),
    ("modified", "Modified", 9, True),
    ("pool", "Warm pool", 10, False),
    ("billable", "Billable", 9, True),
    ("plan", "Plan", 16, False),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)
DESCENDING_FIRST = {c[0]: c[3] for c in COLUMNS}

RAW: dict[str, Callable[[Job, datetime], Any]] = {
    "name": lambda j, now: j.name,
    "status": lambda j, now: j.status,
    "secondary": lambda j, now: j.secondary_status,
    "created": lambda j, now: j.creation_time,
    "duration": lambda j, now: run_seconds(j, now),
    "modified": lambda j, now: j.last_modified_time,
    "pool": lambda j, now: j.warm_pool_status,
    "billable": lambda j, now: j.warm_pool_billable_seconds,
    "plan": lambda j, now: j.plan_name,
}
TIMELY = frozenset({"duration"})
"""Columns whose raw value moves with the clock."""


def sort_key(column: str, job: Job, now: datetime, reverse: bool) -> tuple:
    """A None-safe key on the raw value: missing values sort last in either direction; ties by creation, name."""
    value = RAW[column](job, now)
    missing = value is None
    return (missing != reverse, 0 if missing else value, job.creation_time, job.name)


def row_texts(job: Job, now: datetime) -> tuple[str, ...]:
    """The text of each column for one job, as shown at now."""
    return (
        job.name, job.status, job.secondary_status or "", ago(job.creation_time, now), run_text(job, now),
        ago(job.last_modified_time, now), job.warm_pool_status or "",
        compact_duration(job.warm_pool_billable_seconds), job.plan_name or "",
    )


def fit(text: str, width: int, right: bool = False) -> str:
    """text padded to exactly width cells, or cut with an ellipsis."""
    if len(text) > width:
        return text[: width - 1] + "…"
    return text.rjust(width) if right else text.ljust(width)


class TableOrder:
    """Jobs by name, and their names in display order.

    The names are held ascending by sort_key (unique: it ends with the name) and read backwards when reverse,
    so a job is found, dropped or inserted with bisect. Keys use `now` as of the last full sort: the order always
    equals sorting every job from scratch at that instant."""

    def __init__(self, column: str = "created", reverse: bool = True, now: datetime | None = None) -> None:
        self.jobs: dict[str, Job] = {}
        """Every job in the table, by name."""
        self.column = column
        self.reverse = reverse
        self.now = now or datetime.now(timezone.utc)
        self._names: list[str] = []

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self.jobs

    def key(self, job: Job) -> tuple:
        """job's sort key under the current column, direction and instant."""
        return sort_key(self.column, job, self.now, self.reverse)

    def _name_key(self, name: str) -> tuple:
        return sort_key(self.column, self.jobs[name], self.now, self.reverse)

    # -- reading ---------------------------------------------------------------------------------------
    def name_at(self, index: int) -> str:
        """The name shown at a display index."""
        return self._names[-1 - index] if self.reverse else self._names[index]

    def names(self, start: int = 0, stop: int | None = None) -> list[str]:
        """The names in display order (a slice of it)."""
        size = len(self._names)
        stop = size if stop is None else min(stop, size)
        if start >= stop:
            return []
        if self.reverse:
            return self._names[size - start - 1: (size - stop - 1) if stop < size else None: -1]
        return self._names[start:stop]

    def _position(self, job: Job) -> int:
        """Where job (as held) sits in the ascending list."""
        return bisect.bisect_left(self._names, self.key(job), key=self._name_key)

    def index(self, name: str) -> int | None:
        """The display index of a name, or None."""
        job = self.jobs.get(name)
        if job is None:
            return None
        position = self._position(job)
        return len(self._names) - 1 - position if self.reverse else position

    # -- changing --------------------------------------------------------------------------------------
    def update(self, jobs: Iterable[Job] = (), removed: Iterable[str] = ()) -> None:
        """Add or replace jobs and drop names: bisect for a small batch, one sort for a big one."""
        jobs = list(jobs)
        gone = [n for n in dict.fromkeys(removed) if n in self.jobs]
        size, moves = len(self._names), len(jobs) + len(gone)
        if not moves:
            return
        if moves * (size.bit_length() + 2) > size + moves:
            self._update_wholesale(jobs, gone)
            return
        names, jobs_by_name = self._names, self.jobs
        for name in gone:
            del names[self._position(jobs_by_name[name])]
            del jobs_by_name[name]
        for job in jobs:
            old = jobs_by_name.get(job.name)
            if old is not None:
                if self.key(old) == self.key(job):
                    jobs_by_name[job.name] = job
                    continue
                del names[self._position(old)]
            jobs_by_name[job.name] = job
            bisect.insort(names, job.name, key=self._name_key)

    def _update_wholesale(self, jobs: list[Job], gone: list[str]) -> None:
        for name in gone:
            del self.jobs[name]
        new = [j.name for j in jobs if j.name not in self.jobs]
        for job in jobs:
            self.jobs[job.name] = job
        if gone:
            dropped = set(gone)
            self._names = [n for n in self._names if n not in dropped]
        self._names.extend(dict.fromkeys(new))
        self._names.sort(key=self._name_key)  # mostly sorted already: timsort runs

    def resort(self, column: str | None = None, reverse: bool | None = None, now: datetime | None = None) -> None:
        """Sort every name again, by a new column, direction or instant."""
        self.column = self.column if column is None else column
        self.reverse = self.reverse if reverse is None else reverse
        self.now = self.now if now is None else now
        self._names.sort(key=self._name_key)

    def tick(self, now: datetime) -> bool:
        """The clock moved: re-sort only if the column's values move with it; whether the order was redone."""
        if self.column in TIMELY:
            self.resort(now=now)
            return True
        self.now = now
        return False

    def clear(self) -> None:
        """Drop every job."""
        self.jobs.clear()
        self._names.clear()
