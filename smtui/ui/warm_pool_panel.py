"""WarmPoolPanel: jobs and billable time per warm-pool status, pools about to be released, reuse, a chart."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from ..formatting import compact_duration
from ..warmpool import WarmPoolSummary

LIST_ROWS = 5


def groups_table(summary: WarmPoolSummary) -> Table:
    """Per status: jobs, billable time, billable instance time (where InstanceCount is known)."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Warm pool")
    table.add_column("Jobs", justify="right")
    table.add_column("Billable", justify="right")
    table.add_column("Instance·time", justify="right")
    for g in summary.groups:
        known = "" if g.counted == g.jobs else f" ({g.counted}/{g.jobs})"
        table.add_row(g.status, str(g.jobs), compact_duration(g.billable_seconds),
                      compact_duration(g.instance_seconds) + known)
    if not summary.groups:
        table.add_row(Text("none", style="dim"), "0", "", "")
    table.add_row(Text("Total", style="bold"), str(sum(g.jobs for g in summary.groups)),
                  Text(compact_duration(summary.total_billable) or "0s", style="bold"),
                  Text(compact_duration(summary.total_instance_seconds) or "0s", style="bold"))
    return table


def available_table(summary: WarmPoolSummary) -> Table:
    """Available pools, the soonest released first, with the time left."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column(f"Available ({len(summary.available)})", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("Left", justify="right")
    table.add_column("Inst.", justify="right")
    for pool in summary.available[:LIST_ROWS]:
        left = "?" if pool.seconds_left is None else compact_duration(pool.seconds_left)
        count = "" if pool.instance_count is None else f"{pool.instance_count}×"
        table.add_row(pool.name, left, count)
    if len(summary.available) > LIST_ROWS:
        table.add_row(Text(f"… {len(summary.available) - LIST_ROWS} more", style="dim"), "", "")
    return table


def reused_table(summary: WarmPoolSummary) -> Table:
    """Which job reused which pool, newest first."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column(f"Reused pools ({len(summary.reused)})", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("reused by", no_wrap=True, overflow="ellipsis", ratio=1)
    for name, by in summary.reused[:LIST_ROWS]:
        table.add_row(name, by)
    return table


class WarmPoolPanel(Horizontal):
    """The warm-pool figures of the jobs shown, and total billable time over the session."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.summary = WarmPoolSummary()
        self.samples: list[float] = []
        """Total billable seconds at the end of each refresh this session."""

    def compose(self):
        yield Static(id="pool-groups")
        yield Static(id="pool-available")
        yield Static(id="pool-reused")
        with Vertical(id="pool-chart"):
            yield Static("Pool billable", id="pool-chart-label")
            yield Sparkline([], id="pool-sparkline")

    def on_mount(self) -> None:
        # mounted lazily, after the first paint: draw what arrived before
        self.show(self.summary)
        self._draw_chart()

    def show(self, summary: WarmPoolSummary) -> None:
        """Redraw from a new summary."""
        self.summary = summary
        self._update("#pool-groups", groups_table(summary))
        self._update("#pool-available", available_table(summary))
        self._update("#pool-reused", reused_table(summary))

    def _update(self, selector: str, content: object) -> None:
        # query, not query_one: a message may land while the app tears the panel down
        for static in self.query(selector).results(Static):
            static.update(content)

    def sample(self, at: datetime) -> None:
        """Record the current total billable time for the chart."""
        self.samples.append(float(self.summary.total_billable))
        self.samples = self.samples[-120:]
        self._draw_chart()

    def _draw_chart(self) -> None:
        if not self.samples:
            return
        for sparkline in self.query(Sparkline):
            sparkline.data = list(self.samples)
        self._update("#pool-chart-label", f"Pool billable: {compact_duration(self.samples[-1]) or '0s'}")
