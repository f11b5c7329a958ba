"""Textual messages wrapping the feed's events, posted from the feed's worker to the app."""

from __future__ import annotations

from textual.message import Message

from ..feed import FeedStatus, JobDescribed, PageLanded, QueryApplied, RefreshFailed
from ..store import JobsChanged


class JobsArrived(Message):
    """The store changed (a page landed, or a new query dropped jobs)."""

    def __init__(self, changes: JobsChanged, kind: str, done: bool, generation: int) -> None:
        super().__init__()
        self.changes = changes
        self.kind = kind
        """'full', 'hot' or 'query'."""
        self.done = done
        """Whether this page ended its refresh."""
        self.generation = generation


class StatusReported(Message):
    """A fresh snapshot of the feed's state; only the newest one matters."""

    def __init__(self, status: FeedStatus) -> None:
        super().__init__()
        self.status = status

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StatusReported)


class RefreshWentWrong(Message):
    """A refresh failed; the data shown is kept."""

    def __init__(self, failure: RefreshFailed) -> None:
        super().__init__()
        self.failure = failure


class JobWasDescribed(Message):
    """DescribeTrainingJob answered for one job."""

    def __init__(self, described: JobDescribed) -> None:
        super().__init__()
        self.name = described.name
        self.description = described.description


def wrap(event: object) -> Message | None:
    """The Textual message for one feed event (None for an event the UI does not know)."""
    if isinstance(event, PageLanded):
        return JobsArrived(event.changes, event.kind, event.done, event.generation)
    if isinstance(event, QueryApplied):
        return JobsArrived(event.changes, "query", False, event.generation)
    if isinstance(event, FeedStatus):
        return StatusReported(event)
    if isinstance(event, RefreshFailed):
        return RefreshWentWrong(event)
    if isinstance(event, JobDescribed):
        return JobWasDescribed(event)
    return None
