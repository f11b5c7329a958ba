"""HelpScreen: every key, the sort keys and the filter syntax, in a modal."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .jobs_table import COLUMNS

KEYS: tuple[tuple[str, str], ...] = (
    ("q", "quit"),
    ("r / R", "refresh now / full listing now (catches deletions)"),
    ("p", "pause or resume live refresh"),
    ("+ / -", "refresh less often / more often"),
    ("/", "edit the name filter (typing applies it; enter or escape returns to the table)"),
    ("tab", "move through the filters; enter or escape returns to the table"),
    ("↑ ↓ / j k", "move the cursor; pgup, pgdn, home and end jump; ← → scroll a narrow table"),
    ("enter", "details of the job under the cursor, or click it (escape: back)"),
    ("1 … 9", "sort by that column; again reverses (a header click does the same)"),
    ("o / O", "sort by the next column / reverse the sort"),
    ("w", "show or hide the warm-pool panel"),
    ("e", "export the jobs in view to smtui-jobs-TIME.json (readable by you alone)"),
    ("s", "stop the job under the cursor (only with --allow-stop; asks first)"),
    ("?", "this help"),
    ("ctrl+p", "command palette (every action above, and themes)"),
)


def help_text() -> Table:
    """The keys, the columns behind 1-9, and the filter syntax."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in KEYS:
        table.add_row(key, what)
    table.add_row("", "")
    columns = ", ".join(f"{i + 1} {c[1].lower()}" for i, c in enumerate(COLUMNS))
    table.add_row("columns", columns)
    table.add_row("times", "filters take ISO 8601 (2026-12-01, 2026-12-01T09:30Z) or a duration back from now "
                  "(90m, 12h, 7d)")
    table.add_row("plan", "a full training-plan ARN, or a plan name seen so far when unambiguous")
    table.add_row("filters", "are sent to SageMaker as ListTrainingJobs parameters; an invalid one is shown in "
                  "red and not sent")
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and syntax; any of escape, q or ? closes it. Live refresh pauses while it is open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", priority=True),
    ]

    def compose(self):
        with VerticalScroll(id="help-box"):
            yield Static("[b]smtui keys[/b]", id="help-title")
            yield Static(help_text())
