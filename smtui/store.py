"""JobStore: the jobs by name, the last good data, and what each update added, changed and removed."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .jobs import Job


@dataclass(frozen=True)
class JobsChanged:
    """What one update did to the store."""

    added: tuple[Job, ...] = ()
    changed: tuple[Job, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def __add__(self, other: JobsChanged) -> JobsChanged:
        return merge_changes(self, other)


def merge_changes(first: JobsChanged, second: JobsChanged) -> JobsChanged:
    """One change with the effect of first then second."""
    added = {j.name: j for j in first.added}
    changed = {j.name: j for j in first.changed}
    removed = dict.fromkeys(first.removed)
    for job in second.added:
        if job.name in removed:
            del removed[job.name]
            changed[job.name] = job
        else:
            added[job.name] = job
    for job in second.changed:
        (added if job.name in added else changed)[job.name] = job
    for name in second.removed:
        if added.pop(name, None) is None:
            changed.pop(name, None)
            removed[name] = None
    return JobsChanged(tuple(added.values()), tuple(changed.values()), tuple(removed))


@dataclass
class JobStore:
    """Jobs by name. Updates only add or replace; removal is explicit, so a failed call never blanks data."""

    _jobs: dict[str, Job] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._jobs)

    def __iter__(self) -> Iterator[Job]:
        return iter(self._jobs.values())

    def __contains__(self, name: object) -> bool:
        return name in self._jobs

    def get(self, name: str) -> Job | None:
        """The job of that name, or None."""
        return self._jobs.get(name)

    def names(self) -> set[str]:
        """Every job name held."""
        return set(self._jobs)

    def upsert(self, jobs: Iterable[Job]) -> JobsChanged:
        """Add new jobs and replace those that differ; report which."""
        added, changed = [], []
        for job in jobs:
            old = self._jobs.get(job.name)
            if old is None:
                added.append(job)
            elif old == job:
                continue
            else:
                changed.append(job)
            self._jobs[job.name] = job
        return JobsChanged(tuple(added), tuple(changed))

    def remove(self, names: Iterable[str]) -> JobsChanged:
        """Drop these jobs (those held); report which."""
        gone = tuple(n for n in names if self._jobs.pop(n, None) is not None)
        return JobsChanged(removed=gone)

    def retain(self, keep: Callable[[Job], bool]) -> JobsChanged:
        """Drop every job for which keep is false."""
        return self.remove([j.name for j in self._jobs.values() if not keep(j)])

    def trim(self, limit: int, key: Callable[[Job], Any], descending: bool) -> JobsChanged:
        """Keep only the first limit jobs in the given order (0 keeps all)."""
        if not limit or len(self._jobs) <= limit:
            return JobsChanged()
        pick = heapq.nlargest if descending else heapq.nsmallest
        kept = {j.name for j in pick(limit, self._jobs.values(), key=key)}
        return self.remove([n for n in self._jobs if n not in kept])

    def sorted(self, key: Callable[[Job], Any], descending: bool) -> list[Job]:
        """All jobs in the given order."""
        return sorted(self._jobs.values(), key=key, reverse=descending)
