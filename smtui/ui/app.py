"""SmtuiApp: the live dashboard; the feed runs in one worker and reports through messages."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable, ClassVar, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import Footer, Input

import smtui

from ..errors import sentence
from ..export import write_private
from ..feed import Feed, RefreshFailed
from ..jobs import RUNNING_STATUSES, Job
from ..output import write_json
from ..servicemodel import sagemaker_model
from ..settings import Settings
from ..store import JobsChanged
from ..timeparse import utcnow
from ..warmpool import resource_config, summarize
from .details_screen import DetailsScreen
from .filter_bar import FilterBar
from .help_screen import HelpScreen
from .jobs_table import JobsTable
from .messages import JobsArrived, JobWasDescribed, RefreshWentWrong, StatusReported, wrap
from .status_line import StatusLine
from .stop_screen import StopScreen
from .warm_pool_panel import WarmPoolPanel

ENDED = {"Completed": "information", "Failed": "error", "Stopped": "warning"}
TOAST_EACH = 3
SERVER_SORT_COLUMN = {"Name": "name", "CreationTime": "created", "Status": "status"}


def stylesheet() -> Path | None:
    """The wheel's smtui/smtui.tcss, else the repository's .textual.css."""
    package = Path(smtui.__file__).parent
    for path in (package / "smtui.tcss", package.parent / ".textual.css"):
        if path.is_file():
            return path
    return None


def ended_toasts(before: dict[str, Job], changed: Iterable[Job]) -> list[tuple[str, str]]:
    """(message, severity) for jobs that went from running to Completed, Failed or Stopped."""
    ended = [(j, ENDED[j.status]) for j in changed
             if j.status in ENDED and (old := before.get(j.name)) is not None and old.status in RUNNING_STATUSES]
    if len(ended) > TOAST_EACH:
        counts: dict[str, int] = {}
        for job, _ in ended:
            counts[job.status] = counts.get(job.status, 0) + 1
        text = ", ".join(f"{n} {status.lower()}" for status, n in counts.items())
        worst = "error" if "Failed" in counts else "warning" if "Stopped" in counts else "information"
        return [(f"{len(ended)} jobs ended: {text}", worst)]
    return [(f"{job.name} {job.status.lower()}", severity) for job, severity in ended]


class SmtuiApp(App[int]):
    """Status line, filter bar, jobs table, warm-pool panel and footer, fed by one Feed."""

    CSS_PATH = stylesheet()
    TITLE = "smtui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("r", "refresh", "Refresh"),
        Binding("R", "full_refresh", "Full refresh", show=False),
        Binding("p", "toggle_pause", "Pause/resume"),
        Binding("plus", "interval(1.5)", "Interval +", key_display="+"),
        Binding("minus", "interval(0.667)", "Interval −", key_display="-"),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("w", "toggle_pools", "Warm pools"),
        Binding("e", "export", "Export"),
        Binding("s", "stop_job", "Stop job"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None,
                 start_paused: bool = False) -> None:
        super().__init__()
        self.settings = settings
        sagemaker_model()  # parse the large service model before the event loop starts, not during first rows
        self.feed = Feed(settings, self._sink, clock=clock)
        self.clock = self.feed.clock  # under --demo, the simulator's faster clock
        if start_paused:
            self.feed.paused = True
        self._early: list | None = []
        self._sampled: float | None = None
        """last_success of the refresh the warm-pool chart last sampled."""
        self.loaded = False
        """Whether a first refresh has completed (before it, nothing is marked or toasted)."""
        self._modal_paused = False

    def compose(self):
        self.status_line = StatusLine(id="status-line")
        self.filter_bar = FilterBar(self.settings.query, id="filter-bar")
        self.table = JobsTable(clock=self.clock, id="jobs")
        self.pools = WarmPoolPanel(id="warm-pools")
        yield self.status_line
        yield Lazy(self.filter_bar)  # the table first: the filters and the panel mount after the first paint
        yield self.table
        yield Lazy(self.pools)
        yield Footer()

    def on_mount(self) -> None:
        self.status_line.cap = self.settings.query.max_items
        self.status_line.status = self.feed.status()
        table = self.table
        column = SERVER_SORT_COLUMN.get(self.settings.query.sort_by, "created")
        table.sort_by(column, self.settings.query.descending)
        table.focus()
        self.set_interval(5.0, self._tick)
        early, self._early = self._early or [], None
        for message in early:
            self.post_message(message)

    def on_load(self) -> None:
        # connect while Textual composes and lays out the screen: the first call's wait overlaps that work
        self.run_worker(self._run_feed(), name="feed", group="feed")

    # -- the feed --------------------------------------------------------------------------------------
    def _sink(self, event: object) -> None:
        """Called by the feed (same event loop, in its worker): wrap the event as a message."""
        message = wrap(event)
        if message is None:
            return
        if self._early is not None:  # the feed starts before the widgets exist: hold its news until mount
            self._early.append(message)
        else:
            self.post_message(message)

    async def _run_feed(self) -> None:
        try:
            await self.feed.run()
        except Exception as exc:  # never a traceback: report and keep the screen
            self._sink(RefreshFailed(sentence(exc)))

    def on_jobs_arrived(self, message: JobsArrived) -> None:
        table = self.table
        changes: JobsChanged = message.changes
        toasts = ended_toasts(table.jobs, changes.changed) if self.loaded and message.kind != "query" else []
        table.apply(changes, mark=self.loaded)
        if self.loaded and message.kind == "hot" and changes.added:
            table.mark(j.name for j in changes.added)
        self.filter_bar.add_plans(j.training_plan_arn for j in (*changes.added, *changes.changed)
                                           if j.training_plan_arn)
        for text, severity in toasts:
            self.notify(text, severity=severity, title="Job ended", timeout=6)
        self.status_line.shown = table.row_count
        if message.done or message.kind == "query":
            if message.done:
                self.loaded = True
            self.update_pools()

    def on_status_reported(self, message: StatusReported) -> None:
        self.status_line.status = message.status
        finished = message.status.last_success
        if finished is not None and finished != self._sampled:  # a refresh completed, with changes or not
            self._sampled = finished
            self.loaded = True
            self.update_pools(sample=True)

    def on_refresh_went_wrong(self, message: RefreshWentWrong) -> None:
        line = self.status_line
        if line.status is not None and line.status.last_error != message.failure.message:
            line.status = replace(line.status, last_error=message.failure.message)

    def on_job_was_described(self, message: JobWasDescribed) -> None:
        plan = resource_config(message.description).get("TrainingPlanArn")
        if plan:
            self.filter_bar.add_plans([plan])
        for screen in self.screen_stack:
            if isinstance(screen, DetailsScreen) and screen.job_name == message.name:
                screen.show(message.description)
        self.update_pools()

    def update_pools(self, sample: bool = False) -> None:
        """Recompute the warm-pool panel from the store and the descriptions fetched."""
        panel = self.pools
        now = self.clock()
        panel.show(summarize(self.feed.store, self.feed.descriptions, now))
        if sample:
            panel.sample(now)

    def _tick(self) -> None:
        self.table.refresh_times()
        self.update_pools()

    # -- widgets' messages -----------------------------------------------------------------------------
    def on_filter_bar_query_changed(self, message: FilterBar.QueryChanged) -> None:
        old = self.feed.query
        self.feed.set_query(message.query)
        if (message.query.sort_by, message.query.sort_order) != (old.sort_by, old.sort_order):
            column = SERVER_SORT_COLUMN.get(message.query.sort_by, "created")
            self.table.sort_by(column, message.query.descending)

    def on_filter_bar_done(self, _: FilterBar.Done) -> None:
        self.table.focus()

    def on_jobs_table_job_selected(self, message: JobsTable.JobSelected) -> None:
        name = message.name
        self.push_screen(DetailsScreen(name, self.feed.describe, self.clock, self.feed.schedule.interval,
                                       self.feed.descriptions.get(name)))

    # -- actions ---------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_job":
            return self.settings.allow_stop and self._on_main_screen()
        if action in ("focus_filter", "toggle_pools", "export"):
            return self._on_main_screen()
        return True

    def _on_main_screen(self) -> bool:
        return len(self.screen_stack) <= 1

    def action_refresh(self) -> None:
        """Refresh now."""
        self.feed.refresh_now()

    def action_full_refresh(self) -> None:
        """Run the query's full listing now (catches deletions)."""
        self.feed.refresh_now(full=True)

    def action_toggle_pause(self) -> None:
        """Pause or resume live refresh."""
        self._modal_paused = False
        if self.feed.paused:
            self.feed.resume()
        else:
            self.feed.pause()

    def action_interval(self, factor: float) -> None:
        """Refresh less (factor > 1) or more often."""
        value = self.feed.change_interval(factor)
        self.notify(f"Refreshing every {value:g} s", timeout=2)

    def action_focus_filter(self) -> None:
        """Edit the name filter."""
        self.filter_bar.query_one("#name", Input).focus()

    def action_toggle_pools(self) -> None:
        """Show or hide the warm-pool panel."""
        panel = self.pools
        panel.display = not panel.display

    def action_export(self) -> None:
        """Write the jobs in view, in table order, to a JSON file only the user can read."""
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")  # wall time, even when the demo clock runs fast
        path = Path.cwd() / f"smtui-jobs-{stamp}.json"
        jobs = [self.table.jobs[name] for name in self.table.ordered_names()]
        text = io.StringIO()
        write_json(jobs, text)
        try:
            write_private(path, text.getvalue())
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
        else:
            self.notify(f"Wrote {len(jobs)} jobs to {path.name}", title="Exported", timeout=4)

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self._push_modal(HelpScreen())

    def action_stop_job(self) -> None:
        """Ask, then stop the job under the cursor."""
        job = self.table.cursor_job
        if not self.settings.allow_stop:
            return
        if job is None or job.status != "InProgress":
            self.notify("Only an InProgress job can be stopped.", severity="warning")
            return
        self._push_modal(StopScreen(job.name), lambda yes: yes and self.run_worker(self._stop(job.name)))

    async def _stop(self, name: str) -> None:
        try:
            await self.feed.stop_job(name)
        except Exception as exc:
            self.notify(f"Could not stop {name}: {sentence(exc)}", severity="error")
        else:
            self.notify(f"Stopping {name}", severity="warning")

    def _push_modal(self, screen: Screen, callback: Callable | None = None) -> None:
        """Push a modal screen; live refresh pauses until it closes (unless already paused)."""
        if not self.feed.paused:
            self.feed.pause()
            self._modal_paused = True

        def closed(result: object) -> None:
            if self._modal_paused:
                self._modal_paused = False
                self.feed.resume()
            if callback is not None:
                callback(result)

        self.push_screen(screen, closed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = [
            ("Refresh now", "List the newest jobs now", self.action_refresh),
            ("Full refresh", "Run the query's full listing now (catches deletions)", self.action_full_refresh),
            ("Pause / resume", "Pause or resume live refresh", self.action_toggle_pause),
            ("Refresh less often", "Multiply the interval by 1.5", lambda: self.action_interval(1.5)),
            ("Refresh more often", "Divide the interval by 1.5", lambda: self.action_interval(0.667)),
            ("Filter by name", "Focus the name filter", self.action_focus_filter),
            ("Warm pools", "Show or hide the warm-pool panel", self.action_toggle_pools),
            ("Export", "Write the jobs in view to a JSON file (e)", self.action_export),
            ("Sort by next column", "Cycle the table's sort column", self.table.action_cycle_sort),
            ("Reverse sort", "Reverse the table's sort", self.table.action_reverse_sort),
            ("Keys", "Show every key (?)", self.action_help),
        ]
        if self.settings.allow_stop:
            commands.append(("Stop job", "Stop the job under the cursor (asks first)", self.action_stop_job))
        for title, help_, callback in commands:
            yield SystemCommand(title, help_, callback)


def run_dashboard(settings: Settings) -> int:
    """Run the dashboard until the user quits; the exit code."""
    app = SmtuiApp(settings)
    app.run()
    return app.return_code or 0
