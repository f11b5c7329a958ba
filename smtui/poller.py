"""Poller: pages through ListTrainingJobs with one aiobotocore client and hands each page on as it arrives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, AsyncIterator

from .callstats import CallStats
from .errors import MalformedResponse
from .jobs import Job


MALFORMED_ATTEMPTS = 3


@dataclass
class Listing:
    """What one walk through the pages has seen so far."""

    seen: dict[str, Job] = field(default_factory=dict)
    pages: int = 0
    complete: bool = False
    """True once the walk ended on its own terms (no NextToken, or the item cap), not by failure."""


@dataclass(frozen=True)
class Page:
    """One ListTrainingJobs answer: its jobs, new to this walk, in server order."""

    jobs: tuple[Job, ...]
    number: int
    last: bool


class Poller:
    """Lists and describes training jobs through one client, counting every attempt in stats."""

    def __init__(self, client: Any, stats: CallStats | None = None) -> None:
        self.client = client
        self.stats = stats or CallStats()

    async def pages(
        self, request: dict[str, Any], listing: Listing | None = None, limit: int = 0
    ) -> AsyncIterator[Page]:
        """Follow NextToken to its end through short and empty pages; stop early only at limit items (0 = all)."""
        listing = listing if listing is not None else Listing()
        token: str | None = None
        tokens_seen: set[str] = set()
        while True:
            params = dict(request, NextToken=token) if token else request
            summaries, response = await self._list_page(params)
            fresh = []
            for summary in summaries:
                job = Job.from_summary(summary)
                if job.name not in listing.seen:  # a repeated job is counted once
                    listing.seen[job.name] = job
                    fresh.append(job)
            listing.pages += 1
            token = response.get("NextToken") or None
            if token in tokens_seen:
                raise MalformedResponse("SageMaker returned a NextToken it had already given; listing stopped.")
            if token:
                tokens_seen.add(token)
            capped = bool(limit) and len(listing.seen) >= limit
            last = token is None or capped
            listing.complete = last
            yield Page(tuple(fresh), listing.pages, last)
            if last:
                return

    async def _list_page(self, params: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        """One page; an answer without TrainingJobSummaries (a proxy's error page, say) is asked again."""
        for _ in range(MALFORMED_ATTEMPTS):
            response = await self.client.list_training_jobs(**params)
            summaries = response.get("TrainingJobSummaries")
            if isinstance(summaries, list):
                return summaries, response
            self.stats.record_error("MalformedResponse")
        raise MalformedResponse("SageMaker's answer had no TrainingJobSummaries; the data shown is kept.")

    async def describe(self, name: str) -> dict[str, Any]:
        """DescribeTrainingJob for one job."""
        return await self.client.describe_training_job(TrainingJobName=name)

    async def stop(self, name: str) -> None:
        """StopTrainingJob for one job."""
        await self.client.stop_training_job(TrainingJobName=name)

