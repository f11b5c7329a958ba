"""StatusLine: where the data comes from, how fresh it is, what it cost, and the last error."""

from __future__ import annotations

import time
from typing import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ..feed import FeedStatus
from ..formatting import compact_duration

JUST_NOW = 5.0


def freshness(status: FeedStatus, now: float) -> str:
    """'updated just now', 'updated 2m ago', 'listing…' or 'no data yet'."""
    age = status.age(now)
    if status.refreshing and age is None:
        return "listing…"
    if age is None:
        return "no data yet"
    return "updated just now" if age < JUST_NOW else f"updated {compact_duration(age)} ago"


def countdown(status: FeedStatus, now: float) -> str:
    """'refreshing', 'next in 7s', or '' when paused or disconnected."""
    if status.refreshing:
        return f"refreshing ({status.refreshing})"
    if status.paused or status.next_refresh is None:
        return ""
    return f"next in {compact_duration(max(0.0, status.next_refresh - now) + 0.999)}"


class StatusLine(Static):
    """One line at the top, redrawn from the newest FeedStatus and once a second for the clocks."""

    status: reactive[FeedStatus | None] = reactive(None, always_update=True)
    shown: reactive[int] = reactive(0)
    cap: reactive[int] = reactive(0)

    def __init__(self, monotonic: Callable[[], float] = time.monotonic, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.monotonic = monotonic

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh_line)

    def watch_status(self) -> None:
        self.refresh_line()

    def watch_shown(self) -> None:
        self.refresh_line()

    def line(self) -> Content:
        """The status line's text."""
        s = self.status
        if s is None:
            return Content("starting…")
        out = _Parts()
        now = self.monotonic()
        out.append(f" {s.label} ", style="bold reverse")
        capped = " (capped)" if self.cap and s.jobs >= self.cap else ""
        out.append(f"  {self.shown} shown / {s.jobs} listed{capped}")
        out.append(f"  ·  {freshness(s, now)}")
        if (c := countdown(s, now)):
            out.append(f"  ·  {c}")
        out.append(f"  ·  {s.calls} calls, {s.throttled} throttled")
        if s.paused:
            out.append("  ·  ")
            out.append("⏸ paused", style="bold $warning")
        else:
            out.append("  ·  ")
            out.append(f"● live {compact_duration(s.interval)}", style="bold $success")
        if s.backing_off:
            out.append("  backing off", style="$warning")
        if s.last_error:
            out.append("  ")
            if s.stale(now):
                out.append(" STALE ", style="bold reverse $error")
                out.append(" ")
            out.append(s.last_error, style="$error")
        return Content.assemble(*out)

    def refresh_line(self) -> None:
        """Redraw (the age and countdown move every second)."""
        self.update(self.line())


class _Parts(list):
    """(text, style) pieces for Content.assemble."""

    def append(self, text: str, style: str = "") -> None:  # type: ignore[override]
        super().append((text, style) if style else text)
