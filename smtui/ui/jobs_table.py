"""JobsTable: the jobs as a DataTable, updated cell by cell, sorted on raw values, cursor kept on its job."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Callable, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from ..formatting import ago, compact_duration, run_seconds, run_text
from ..jobs import Job
from ..store import JobsChanged
from ..timeparse import utcnow

MARK_SECONDS = 3.0
BIG_REMOVAL = 200

# (key, label, width or None for auto, descending first when chosen)
COLUMNS: tuple[tuple[str, str, int | None, bool], ...] = (
    ("name", "Name", 12, False),
    ("status", "Status", 10, False),
    ("secondary", "Secondary status", 22, False),
    ("created", "Created", 9, True),
    ("duration", "Duration", 13, True),
    ("modified", "Modified", 9, True),
    ("pool", "Warm pool", 10, False),
    ("billable", "Billable", 8, True),
    ("plan", "Plan", 16, False),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)

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

STATUS_COLOURS = {
    "InProgress": "accent", "Completed": "success", "Failed": "error", "Stopped": "warning",
    "Stopping": "warning", "InUse": "accent", "Available": "success", "Reused": "text-muted",
    "Terminated": "text-muted",
}


def sort_key(column: str, job: Job, now: datetime, reverse: bool) -> tuple:
    """A None-safe key on the raw value: missing values sort last in either direction; ties by creation, name."""
    value = RAW[column](job, now)
    missing = value is None
    return (missing != reverse, 0 if missing else value, job.creation_time, job.name)


class JobsTable(DataTable):
    """One row per job, keyed by job name; `apply` takes the store's changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(i + 1), f"sort_column({i})", f"Sort by {c[1].lower()}", show=False)
          for i, c in enumerate(COLUMNS)),
        Binding("o", "cycle_sort", "Sort"),
        Binding("O", "reverse_sort", "Reverse", show=False),
    ]

    def __init__(self, clock: Callable[[], datetime] = utcnow, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.clock = clock
        self.jobs: dict[str, Job] = {}
        """The jobs shown, by name (the row keys)."""
        self.sort_column = "created"
        self.sort_reverse = True
        self.marks: dict[str, float] = {}
        """Rows marked as changed, and when (time.monotonic) the mark ends."""
        self._texts: dict[str, tuple[str, ...]] = {}
        self._styles: dict[str, str] = {}

    def on_mount(self) -> None:
        self._load_styles()
        for key, label, width, _ in COLUMNS:
            self.add_column(label, key=key, width=width)
        self._label_headers()
        self.set_interval(1.0, self._expire_marks)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    # -- rendering -------------------------------------------------------------------------------------
    def _load_styles(self) -> None:
        variables = self.app.get_css_variables()
        self._styles = {s: variables.get(v, "") for s, v in STATUS_COLOURS.items()}
        self._mark_style = f"bold {variables.get('warning', 'yellow')}"

    def _restyle(self) -> None:
        self._load_styles()
        for name, job in self.jobs.items():
            self._update_row(job, force=True)

    def _texts_for(self, job: Job, now: datetime) -> tuple[str, ...]:
        return (
            job.name, job.status, job.secondary_status or "", ago(job.creation_time, now), run_text(job, now),
            ago(job.last_modified_time, now), job.warm_pool_status or "",
            compact_duration(job.warm_pool_billable_seconds), job.plan_name or "",
        )

    def _cell(self, column: str, text: str, job: Job) -> Any:
        if column == "name" and job.name in self.marks:
            return Text(text, style=self._mark_style)
        if column in ("status", "pool") and text:
            return Text(text, style=self._styles.get(text, ""))
        if column == "billable":
            return Text(text, justify="right")
        width = self.columns[column].width if column in ("plan", "secondary") else 0
        if width and len(text) > width:
            return text[: width - 1] + "…"
        return text

    def _cells(self, job: Job, texts: tuple[str, ...]) -> list[Any]:
        return [self._cell(c, t, job) for c, t in zip(COLUMN_KEYS, texts)]

    def _update_row(self, job: Job, force: bool = False, now: datetime | None = None) -> bool:
        """Update the cells of job's row whose text changed; whether the sort column's value changed."""
        texts = self._texts_for(job, now or self.clock())
        old = self._texts.get(job.name, ())
        self._texts[job.name] = texts
        moved = False
        for i, (column, text) in enumerate(zip(COLUMN_KEYS, texts)):
            if force or i >= len(old) or old[i] != text:
                self.update_cell(job.name, column, self._cell(column, text, job))
                moved = moved or column == self.sort_column
        return moved

    # -- the store's changes ---------------------------------------------------------------------------
    def apply(self, changes: JobsChanged, mark: bool = True) -> None:
        """Add, update and remove rows for one batch of changes; keep the cursor on its job."""
        if not changes:
            return
        keep = self.cursor_name()
        now = self.clock()
        resort = False
        if changes.removed:
            self._remove(changes.removed)
        for job in changes.added:
            if job.name in self.jobs:
                resort |= self._replace(job, now, mark=False)
                continue
            self.jobs[job.name] = job
            texts = self._texts_for(job, now)
            self._texts[job.name] = texts
            self.add_row(*self._cells(job, texts), key=job.name)
            resort = True
        for job in changes.changed:
            if job.name in self.jobs:
                resort |= self._replace(job, now, mark)
        self._fit_names(changes.added)
        if resort:
            self.resort(keep)
        else:
            self.keep_cursor_on(keep)

    def _fit_names(self, added: tuple[Job, ...]) -> None:
        """Widen the name column to the longest name (measured here: auto width depends on timing)."""
        longest = max((len(j.name) for j in added), default=0)
        column = self.columns["name"]
        if longest > column.width:
            column.width = longest
            column.auto_width = False
            self._require_update_dimensions = True
            self.refresh()

    def _replace(self, job: Job, now: datetime, mark: bool) -> bool:
        self.jobs[job.name] = job
        if mark:
            self.marks[job.name] = time.monotonic() + MARK_SECONDS
        return self._update_row(job, force=mark, now=now)

    def _remove(self, names: tuple[str, ...]) -> None:
        gone = [n for n in names if n in self.jobs]
        for name in gone:
            del self.jobs[name]
            self._texts.pop(name, None)
            self.marks.pop(name, None)
        if len(gone) > BIG_REMOVAL and len(gone) > len(self.jobs):
            # remove_row is linear in the table's size: rebuilding is cheaper for a big drop
            self.clear()
            now = self.clock()
            for job in self.jobs.values():
                texts = self._texts[job.name] = self._texts_for(job, now)
                self.add_row(*self._cells(job, texts), key=job.name)
        else:
            for name in gone:
                self.remove_row(name)

    def refresh_times(self) -> None:
        """Re-render the relative-time cells whose text changed since last shown."""
        now = self.clock()
        moved = False
        for job in self.jobs.values():
            moved |= self._update_row(job, now=now)
        if moved and self.sort_column == "duration":
            self.resort()

    def mark(self, names) -> None:
        """Mark rows as changed for a moment."""
        until = time.monotonic() + MARK_SECONDS
        for name in names:
            if name in self.jobs:
                self.marks[name] = until
                self.update_cell(name, "name", self._cell("name", name, self.jobs[name]))

    def _expire_marks(self) -> None:
        now = time.monotonic()
        for name in [n for n, until in self.marks.items() if until <= now]:
            del self.marks[name]
            if name in self.jobs:
                self.update_cell(name, "name", self._cell("name", name, self.jobs[name]))

    # -- cursor and sorting ----------------------------------------------------------------------------
    def cursor_name(self) -> str | None:
        """The name of the job under the cursor."""
        if not self.row_count or not self.is_valid_row_index(self.cursor_row):
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    @property
    def cursor_job(self) -> Job | None:
        """The job under the cursor."""
        name = self.cursor_name()
        return self.jobs.get(name) if name else None

    def keep_cursor_on(self, name: str | None) -> None:
        """Put the cursor back on name's row (rows may have moved)."""
        if name is not None and name in self.jobs:
            index = self.get_row_index(name)
            if index != self.cursor_row:
                self.move_cursor(row=index, animate=False)

    def resort(self, keep: str | None = None) -> None:
        """Sort the rows by the current column and direction; the cursor stays on its job."""
        keep = keep if keep is not None else self.cursor_name()
        now, column, reverse, jobs = self.clock(), self.sort_column, self.sort_reverse, self.jobs
        self.sort("name", key=lambda cell: sort_key(column, jobs[str(cell)], now, reverse), reverse=reverse)
        self.keep_cursor_on(keep)

    def sort_by(self, column: str, reverse: bool | None = None) -> None:
        """Sort by a column: a new column starts in its natural direction, the same one toggles."""
        if reverse is None:
            reverse = not self.sort_reverse if column == self.sort_column else dict(
                (c[0], c[3]) for c in COLUMNS)[column]
        self.sort_column, self.sort_reverse = column, reverse
        self._label_headers()
        self.resort()

    def _label_headers(self) -> None:
        for key, label, _, _ in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            self.columns[key].label = Text(label + arrow, style="bold" if arrow else "")
        self._require_update_dimensions = True
        self.refresh()

    def action_sort_column(self, index: int) -> None:
        """Sort by the index-th column (again: reverse)."""
        self.sort_by(COLUMN_KEYS[index])

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        self.sort_by(COLUMN_KEYS[(COLUMN_KEYS.index(self.sort_column) + 1) % len(COLUMN_KEYS)])

    def action_reverse_sort(self) -> None:
        """Reverse the sort direction."""
        self.sort_by(self.sort_column, not self.sort_reverse)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_key.value)
