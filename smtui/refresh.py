"""Refresher: keeps a JobStore equal to a full listing of the query, at a cost of about what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import AsyncIterator, Callable

from .jobs import Job
from .poller import Listing, Poller
from .query import JobQuery
from .store import JobsChanged, JobStore
from .timeparse import utcnow

HOT_REQUEST = {"SortBy": "CreationTime", "SortOrder": "Descending"}


@dataclass(frozen=True)
class PageApplied:
    """The store's changes from one page of a refresh, and where the refresh stands."""

    changes: JobsChanged
    kind: str
    """'full' (the query's own filtered listing) or 'hot' (newest first, down to the oldest job that can change)."""
    pages: int
    done: bool


class Refresher:
    """Chooses between a full filtered listing and a hot-window refresh, and applies each page to the store."""

    def __init__(
        self, poller: Poller, store: JobStore, query: JobQuery, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.poller = poller
        self.store = store
        self.query = query
        self.clock = clock
        self.active: dict[str, datetime] = {}
        """Creation time of every job known, from unfiltered pages, to be still able to change."""
        self.active_known = False
        """Whether `active` covers the whole account (needed when a job may start matching the query)."""
        self.newest_seen: datetime | None = None
        self.needs_full = True
        self.walked_at: datetime | None = None
        """The clock when the last walk that completed began."""

    def set_query(self, query: JobQuery) -> JobsChanged:
        """Switch to a new query: drop held jobs it excludes at once; the next refresh is a full listing."""
        self.query = query
        self.needs_full = True
        now = self.clock()
        return self.store.retain(lambda j: query.matches(j, now))

    @property
    def hot_ready(self) -> bool:
        """Whether a hot-window refresh can stand in for a full listing now."""
        q = self.query
        # a sliding LastModifiedTimeBefore lets jobs of any age start matching: only a full listing finds them
        sliding_modified = q.last_modified_time_before is not None and q.last_modified_time_before.ago is not None
        return not self.needs_full and not sliding_modified and (self.active_known or not q.membership_can_change)

    async def refresh(self, full: bool = False) -> AsyncIterator[PageApplied]:
        """One refresh, full when asked or needed, else hot; yields each page's changes as it lands."""
        walk = self.full() if full or self.needs_full else self.hot()
        async for applied in walk:
            yield applied

    async def full(self) -> AsyncIterator[PageApplied]:
        """The query's own listing, filters sent to SageMaker; jobs not seen are removed only if it completes."""
        query, now = self.query, self.clock()
        listing = Listing()
        async for page in self.poller.pages(query.request(now), listing, query.max_items):
            self._learn(page.jobs, unfiltered=not query.has_filters)
            changes = self.store.upsert(page.jobs)
            if page.last:
                self.walked_at = now
                changes += self.store.retain(lambda j: j.name in listing.seen)
                changes += self.store.trim(query.max_items, query.sort_key(), query.descending)
                if not query.has_filters:
                    self.active_known = True
                self.needs_full = False
            yield PageApplied(changes, "full", page.number, page.last)

    def boundary(self) -> datetime | None:
        """The oldest creation time a hot refresh must reach: the oldest job that can still change, or the
        newest job seen when none can, but never below the cap's edge; None when unknown (the walk goes to the
        end)."""
        cap = self._cap_edge()
        if not self.hot_ready:
            return cap
        if self.query.membership_can_change:
            times = list(self.active.values())
        else:
            times = [j.creation_time for j in self.store if j.can_change]
        if self.newest_seen is not None:
            times.append(self.newest_seen)
        if not times:
            return cap
        edge = min(times) if cap is None else max(min(times), cap)
        q = self.query
        if q.creation_time_after is not None:
            edge = max(edge, q.creation_time_after.resolve(self.clock()))
        if q.creation_time_before is not None and q.creation_time_before.ago is not None and self.walked_at:
            # a sliding CreationTimeBefore lets the jobs it passed since the last walk start matching
            edge = min(edge, q.creation_time_before.resolve(self.walked_at))
        return edge

    def _cap_edge(self) -> datetime | None:
        """Newest first with the store at its cap: a job created before the oldest one held can never show."""
        q = self.query
        if q.sort_by != "CreationTime" or not q.descending or not q.max_items or len(self.store) < q.max_items:
            return None
        return min(j.creation_time for j in self.store)

    async def hot(self) -> AsyncIterator[PageApplied]:
        """Page newest first, unfiltered, until past the boundary; apply the filters locally."""
        query, now = self.query, self.clock()
        establishing = not self.hot_ready  # this walk learns every job that can change, down to its edge
        edge = self.boundary()
        request = dict(HOT_REQUEST, MaxResults=query.page_size)
        listing = Listing()
        async for page in self.poller.pages(request, listing):
            window = [j for j in page.jobs if edge is None or j.creation_time >= edge]
            self._learn(window, unfiltered=True)
            keep = [j for j in window if query.matches(j, now)]
            changes = self.store.upsert(keep)
            changes += self.store.remove(j.name for j in window if not query.matches(j, now))
            past = page.last or (edge is not None and len(window) < len(page.jobs))
            if past:
                self.walked_at = now
                changes += self._close_window(edge, listing, now, establishing)
            yield PageApplied(changes, "hot", page.number, past)
            if past:
                return

    def _close_window(self, edge: datetime | None, listing: Listing, now: datetime,
                      establishing: bool) -> JobsChanged:
        """The walk saw every job from the boundary up: what it did not see there is gone."""
        inside = (lambda t: True) if edge is None else (lambda t: t >= edge)
        for name in [n for n, t in self.active.items() if inside(t) and n not in listing.seen]:
            del self.active[name]
        changes = self.store.retain(lambda j: not inside(j.creation_time) or j.name in listing.seen)
        if establishing:
            self.active_known = True
        q = self.query
        if q.has_time_filters:  # a sliding bound moves jobs outside the window out of the query
            changes += self.store.retain(lambda j: q.matches(j, now))
        return changes + self.store.trim(q.max_items, q.sort_key(), q.descending)

    def _learn(self, jobs: tuple[Job, ...] | list[Job], unfiltered: bool) -> None:
        """Note which jobs can still change, and the newest creation time seen."""
        for job in jobs:
            if job.can_change:
                self.active[job.name] = job.creation_time
            else:
                self.active.pop(job.name, None)
            if self.newest_seen is None or job.creation_time > self.newest_seen:
                if unfiltered or not self.query.membership_can_change:
                    self.newest_seen = job.creation_time
