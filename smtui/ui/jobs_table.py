"""JobsTable: a virtual table of jobs; only the lines on screen are formatted, when drawn."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Callable, ClassVar, Iterable, Mapping

from rich.color import ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..jobs import Job
from ..store import JobsChanged
from ..table_order import COLUMN_KEYS, COLUMNS, DESCENDING_FIRST, RAW, TableOrder, fit, row_texts, sort_key
from ..timeparse import utcnow

__all__ = ["COLUMNS", "COLUMN_KEYS", "RAW", "STATUS_COLOURS", "JobsTable", "sort_key"]

MARK_SECONDS = 3.0
PAD = 1
"""Blank cells either side of each column's text."""
TEXT_CACHE = 1000
"""Formatted rows kept between draws (about the visible ones)."""

# running is the theme's primary colour; an Available pool bills while idle, so it warns
STATUS_COLOURS = {
    "InProgress": "primary", "Completed": "success", "Failed": "error", "Stopped": "warning",
    "Stopping": "warning", "InUse": "primary", "Available": "warning", "Reused": "text-muted",
    "Terminated": "text-muted",
}


def colour_style(value: str) -> Style:
    """A foreground style for a theme variable's value ("auto 60%", a contrast colour, reads as dim)."""
    try:
        return Style(color=value) if value else Style()
    except ColorParseError:
        return Style(dim=True)


def status_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """The style of each job and warm-pool status under a theme's CSS variables (table and details alike)."""
    return {status: colour_style(variables.get(name, "")) for status, name in STATUS_COLOURS.items()}


class JobsTable(ScrollView, can_focus=True):
    """One line per job, sorted on raw values; `apply` takes the store's changes, the cursor keeps its job."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "jobs-table--header", "jobs-table--sorted", "jobs-table--cursor", "jobs-table--even-row",
        "jobs-table--marked",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(i + 1), f"sort_column({i})", f"Sort by {c[1].lower()}", show=False)
          for i, c in enumerate(COLUMNS)),
        Binding("o", "cycle_sort", "Sort"),
        Binding("O", "reverse_sort", "Reverse", show=False),
        Binding("enter", "select_cursor", "Details", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_cursor(-1)", "Page up", show=False),
        Binding("pagedown", "page_cursor(1)", "Page down", show=False),
        Binding("home,ctrl+home", "cursor_to(0)", "First", show=False),
        Binding("end,ctrl+end", "cursor_to(-1)", "Last", show=False),
    ]

    class JobSelected(Message):
        """The user chose a job (enter, or a click on the highlighted line)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, clock: Callable[[], datetime] = utcnow, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.order = TableOrder("created", True, clock())
        self.jobs: dict[str, Job] = self.order.jobs
        """The jobs shown, by name (the same dict as the order's)."""
        self.marks: dict[str, float] = {}
        """Jobs marked as changed, and when (time.monotonic) the mark ends."""
        self.cursor_row = 0
        self._cursor: str | None = None
        self._texts: dict[str, tuple[str, ...]] = {}
        self._colours: dict[str, Style] = {}
        self._name_width = COLUMNS[0][2]

    def on_mount(self) -> None:
        self._load_colours()
        self.set_interval(1.0, self._expire_marks)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())
        self._resize()

    # -- what the app reads ----------------------------------------------------------------------------
    @property
    def sort_column(self) -> str:
        """The column the rows are sorted by."""
        return self.order.column

    @property
    def sort_reverse(self) -> bool:
        """Whether the sort is descending."""
        return self.order.reverse

    @property
    def row_count(self) -> int:
        """How many jobs are shown."""
        return len(self.order)

    def ordered_names(self) -> list[str]:
        """Every job name, in display order."""
        return self.order.names()

    def cursor_name(self) -> str | None:
        """The name of the job under the cursor."""
        return self._cursor if self._cursor in self.jobs else None

    @property
    def cursor_job(self) -> Job | None:
        """The job under the cursor."""
        name = self.cursor_name()
        return self.jobs.get(name) if name else None

    # -- geometry --------------------------------------------------------------------------------------
    def widths(self) -> list[int]:
        """Each column's text width (the name column fits the longest name)."""
        return [self._name_width, *(c[2] for c in COLUMNS[1:])]

    def column_x(self, column: str) -> int:
        """Where a column's cell starts, in cells from the table's left edge (before horizontal scroll)."""
        index = COLUMN_KEYS.index(column)
        return sum(w + 2 * PAD for w in self.widths()[:index])

    def _column_at(self, x: int) -> str | None:
        for column, width in zip(COLUMN_KEYS, self.widths()):
            x -= width + 2 * PAD
            if x < 0:
                return column
        return None

    @property
    def _page(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.container_size.height - self.scrollbar_size_horizontal - 1)

    def _resize(self) -> None:
        width = sum(w + 2 * PAD for w in self.widths())
        self.virtual_size = Size(width, len(self.order) + 1)

    def _fit_names(self, added: Iterable[Job], removed: Iterable[str]) -> None:
        """Widen the name column to the longest name; narrow it when that name went."""
        longest = max((len(j.name) for j in added), default=0)
        if any(len(n) >= self._name_width for n in removed):
            longest = max((len(n) for n in self.jobs), default=0)
            self._name_width = max(COLUMNS[0][2], longest)
        elif longest > self._name_width:
            self._name_width = longest

    # -- drawing ---------------------------------------------------------------------------------------
    def _load_colours(self) -> None:
        self._colours = status_styles(self.app.get_css_variables())

    def _restyle(self) -> None:
        self._load_colours()
        self.refresh()

    def _row_texts(self, name: str) -> tuple[str, ...]:
        texts = self._texts.get(name)
        if texts is None:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            texts = self._texts[name] = row_texts(self.jobs[name], self.clock())
        return texts

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("jobs-table--header")
            strip = self._header_strip(style)
        else:
            row = scroll_y + y - 1
            if row >= len(self.order):
                return Strip.blank(width, base)
            style = self._row_style(row, base)
            strip = self._row_strip(row, style)
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def _header_strip(self, style: Style) -> Strip:
        sorted_style = style + self.get_component_rich_style("jobs-table--sorted", partial=True)
        segments = []
        for (column, label, _, _), width in zip(COLUMNS, self.widths()):
            if column == self.sort_column:
                label += " ▼" if self.sort_reverse else " ▲"
            cell = " " * PAD + fit(label, width + PAD)
            segments.append(Segment(cell, sorted_style if column == self.sort_column else style))
        return Strip(segments)

    def _row_style(self, row: int, base: Style) -> Style:
        """The line's own style: zebra stripe, then the cursor."""
        if row % 2 == 0:
            base += self.get_component_rich_style("jobs-table--even-row")
        if row == self.cursor_row:
            base += self.get_component_rich_style("jobs-table--cursor")
        return base

    def _row_strip(self, row: int, style: Style) -> Strip:
        name = self.order.name_at(row)
        cursor = row == self.cursor_row  # the cursor's colours win over the cells'
        pad = Segment(" " * PAD, style)
        segments = []
        for column, text, width in zip(COLUMN_KEYS, self._row_texts(name), self.widths()):
            cell_style = style
            if not cursor and column in ("status", "pool"):
                cell_style += self._colours.get(text, Style())
            elif not cursor and column == "name" and name in self.marks:
                cell_style += self.get_component_rich_style("jobs-table--marked", partial=True)
            segments += (pad, Segment(fit(text, width, right=column == "billable"), cell_style), pad)
        return Strip(segments)

    # -- the store's changes ---------------------------------------------------------------------------
    def apply(self, changes: JobsChanged, mark: bool = True) -> None:
        """Add, update and remove jobs for one batch of changes; keep the cursor on its job, and it in view."""
        if not changes:
            return
        anchor = self._anchor()
        self.order.update((*changes.added, *changes.changed), changes.removed)
        for name in changes.removed:
            self.marks.pop(name, None)
        for job in (*changes.added, *changes.changed):
            self._texts.pop(job.name, None)
        if mark and changes.changed:
            until = time.monotonic() + MARK_SECONDS
            self.marks.update((j.name, until) for j in changes.changed if j.name in self.jobs)
        for name in changes.removed:
            self._texts.pop(name, None)
        self._fit_names(changes.added, changes.removed)
        self._settle(anchor)

    def _anchor(self) -> tuple[str | None, int, bool]:
        """What to keep in place through a change: the cursor's job, its line on screen, whether at the top."""
        top = round(self.scroll_y)
        return self.cursor_name(), self.cursor_row - top, top == 0

    def _settle(self, anchor: tuple[str | None, int, bool], follow: bool = False) -> None:
        """After the rows moved: the cursor back on its job, the view kept steady, then redraw."""
        name, line, at_top = anchor
        self._resize()
        size = len(self.order)
        index = self.order.index(name) if name is not None else None
        self.cursor_row = min(self.cursor_row, size - 1) if index is None else index
        self.cursor_row = max(0, self.cursor_row)
        self._cursor = self.order.name_at(self.cursor_row) if size else None
        if follow:
            self._scroll_to_cursor()
        elif index is not None and 0 <= line < self._page and not (at_top and index < self._page):
            self.scroll_to(y=index - line, animate=False)  # the cursor's job stays on its line
        self.refresh()

    def refresh_times(self) -> None:
        """The clock moved: redraw the relative times (and re-sort if sorted by duration)."""
        self._texts.clear()
        anchor = self._anchor()
        if self.order.tick(self.clock()):
            self._settle(anchor)
        else:
            self.refresh()

    def mark(self, names: Iterable[str]) -> None:
        """Mark jobs as changed for a moment."""
        until = time.monotonic() + MARK_SECONDS
        self.marks.update((n, until) for n in names if n in self.jobs)
        self.refresh()

    def _expire_marks(self) -> None:
        now = time.monotonic()
        expired = [n for n, until in self.marks.items() if until <= now]
        for name in expired:
            del self.marks[name]
        if expired:
            self.refresh()

    # -- cursor and sorting ----------------------------------------------------------------------------
    def _scroll_to_cursor(self) -> None:
        top, page = round(self.scroll_y), self._page
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on a display row (clamped) and bring it into view."""
        size = len(self.order)
        if not size:
            return
        self.cursor_row = max(0, min(row, size - 1))
        self._cursor = self.order.name_at(self.cursor_row)
        self._scroll_to_cursor()
        self.refresh()

    def keep_cursor_on(self, name: str | None) -> None:
        """Put the cursor back on name's row (rows may have moved)."""
        index = self.order.index(name) if name is not None else None
        if index is not None:
            self.move_cursor(index)

    def resort(self, keep: str | None = None) -> None:
        """Sort again by the current column and direction; the cursor stays on its job."""
        anchor = self._anchor()
        self.order.resort(now=self.clock())
        self._settle((keep or anchor[0], *anchor[1:]), follow=True)

    def sort_by(self, column: str, reverse: bool | None = None) -> None:
        """Sort by a column: a new column starts in its natural direction, the same one toggles."""
        if reverse is None:
            reverse = not self.sort_reverse if column == self.sort_column else DESCENDING_FIRST[column]
        anchor = self._anchor()
        self.order.resort(column, reverse, self.clock())
        self._settle(anchor, follow=True)

    def action_sort_column(self, index: int) -> None:
        """Sort by the index-th column (again: reverse)."""
        self.sort_by(COLUMN_KEYS[index])

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        self.sort_by(COLUMN_KEYS[(COLUMN_KEYS.index(self.sort_column) + 1) % len(COLUMN_KEYS)])

    def action_reverse_sort(self) -> None:
        """Reverse the sort direction."""
        self.sort_by(self.sort_column, not self.sort_reverse)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_cursor(self, pages: int) -> None:
        self.move_cursor(self.cursor_row + pages * self._page)

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self.order) - 1)

    def action_select_cursor(self) -> None:
        """Open the job under the cursor."""
        name = self.cursor_name()
        if name is not None:
            self.post_message(self.JobSelected(name))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            column = self._column_at(offset.x + round(self.scroll_x))
            if column is not None:
                self.sort_by(column)
            return
        row = round(self.scroll_y) + offset.y - 1
        if row < len(self.order):
            if row == self.cursor_row:
                self.action_select_cursor()
            else:
                self.move_cursor(row)
