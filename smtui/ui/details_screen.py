"""DetailsScreen: what DescribeTrainingJob says of one job, refreshed while the job can still change."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, ClassVar, Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..errors import sentence
from ..formatting import ago, compact_duration
from ..jobs import can_change
from ..warmpool import resource_config
from .jobs_table import status_styles



def _when(value: datetime | None, now: datetime) -> str:
    if value is None:
        return ""
    return f"{value:%Y-%m-%d %H:%M:%S}Z  ({ago(value, now)})"


def _seconds(value: Any) -> str:
    return "" if value is None else f"{compact_duration(value)}  ({value} s)"


def _facts(title: str, rows: list[tuple[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2, 0, 0),
                  show_header=False)
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    for label, value in rows:
        if value not in (None, ""):
            table.add_row(label, value if isinstance(value, Text) else str(value))
    return table


def timeline(desc: Mapping[str, Any], now: datetime) -> Table:
    """SecondaryStatusTransitions as rows with how long each lasted (or has lasted so far)."""
    table = Table(title="Timeline", title_justify="left", title_style="bold", box=None, padding=(0, 2, 0, 0))
    table.add_column("Status", no_wrap=True)
    table.add_column("Started", no_wrap=True)
    table.add_column("Took", justify="right", no_wrap=True)
    table.add_column("Message")
    for step in desc.get("SecondaryStatusTransitions") or []:
        start, end = step.get("StartTime"), step.get("EndTime")
        took = compact_duration(((end or now) - start).total_seconds()) if start else ""
        if start and not end:
            took += " …"
        table.add_row(step.get("Status", ""), f"{start:%H:%M:%S}" if start else "", took,
                      step.get("StatusMessage", ""))
    return table


def spot_savings(desc: Mapping[str, Any]) -> str | None:
    """'62% (billed 1h02m of 2h45m)' for managed spot training that has ended."""
    training, billable = desc.get("TrainingTimeInSeconds"), desc.get("BillableTimeInSeconds")
    if not desc.get("EnableManagedSpotTraining") or not training or billable is None:
        return None
    saved = 100.0 * (1 - billable / training)
    return f"{saved:.0f}% (billed {compact_duration(billable)} of {compact_duration(training)})"


def render_description(desc: Mapping[str, Any], now: datetime, styles: Mapping[str, Any] | None = None) -> Group:
    """Everything a person needs from a DescribeTrainingJob answer, as Rich renderables (styles: by status)."""
    status = desc.get("TrainingJobStatus", "")
    resource = resource_config(desc)
    pool = desc.get("WarmPoolStatus") or {}
    stopping = desc.get("StoppingCondition") or {}
    head = Text.assemble((desc.get("TrainingJobName", ""), "bold"), "  ",
                         (status, (styles or {}).get(status, "")), "  ", (desc.get("SecondaryStatus") or "", "dim"))
    parts: list[Any] = [head]
    if desc.get("FailureReason"):
        parts += [Text(""), Text.assemble(("Failure: ", "bold red"), desc["FailureReason"])]
    instances = resource.get("InstanceType", "")
    if resource.get("InstanceCount") is not None:
        instances = f"{resource['InstanceCount']} × {instances}"
    plan = resource.get("TrainingPlanArn") or desc.get("TrainingPlanArn")
    parts += [Text(""), _facts("Times", [
        ("Created", _when(desc.get("CreationTime"), now)),
        ("Training started", _when(desc.get("TrainingStartTime"), now)),
        ("Training ended", _when(desc.get("TrainingEndTime"), now)),
        ("Last modified", _when(desc.get("LastModifiedTime"), now)),
        ("Training time", _seconds(desc.get("TrainingTimeInSeconds"))),
        ("Billable time", _seconds(desc.get("BillableTimeInSeconds"))),
        ("Max runtime", _seconds(stopping.get("MaxRuntimeInSeconds"))),
    ]), Text(""), _facts("Resources", [
        ("Instances", instances),
        ("Volume", f"{resource['VolumeSizeInGB']} GB" if resource.get("VolumeSizeInGB") else None),
        ("Managed spot", "yes" if desc.get("EnableManagedSpotTraining") else "no"),
        ("Spot savings", spot_savings(desc)),
        ("Keep-alive", _seconds(resource.get("KeepAlivePeriodInSeconds"))),
        ("Warm pool", pool.get("Status")),
        ("Warm pool billable", _seconds(pool.get("ResourceRetainedBillableTimeInSeconds"))),
        ("Pool reused by", pool.get("ReusedByJob")),
        ("Training plan", plan),
    ]), Text(""), timeline(desc, now)]
    metrics = desc.get("FinalMetricDataList") or []
    if metrics:
        parts += [Text(""), _facts("Final metrics", [(m.get("MetricName", ""), m.get("Value")) for m in metrics])]
    hyper = desc.get("HyperParameters") or {}
    if hyper:
        parts += [Text(""), _facts("Hyperparameters", sorted(hyper.items()))]
    algo = desc.get("AlgorithmSpecification") or {}
    parts += [Text(""), _facts("Where", [
        ("Image", algo.get("TrainingImage") or algo.get("AlgorithmName")),
        ("Input mode", algo.get("TrainingInputMode")),
        ("Output", (desc.get("OutputDataConfig") or {}).get("S3OutputPath")),
        ("Model", (desc.get("ModelArtifacts") or {}).get("S3ModelArtifacts")),
        ("Role", desc.get("RoleArn")),
        ("ARN", desc.get("TrainingJobArn")),
    ])]
    return Group(*parts)


def still_changing(desc: Mapping[str, Any]) -> bool:
    """Whether the job may still change (running, stopping, or holding a warm pool)."""
    return can_change(desc.get("TrainingJobStatus"), (desc.get("WarmPoolStatus") or {}).get("Status"))


class DetailsScreen(Screen):
    """One job's details; `escape` goes back to the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("r", "reload", "Refresh"),
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, name: str, describe: Callable[[str], Any], clock: Callable[[], datetime],
                 interval: float, description: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.job_name = name
        self.describe = describe
        self.clock = clock
        self.interval = interval
        self.description = description

    def compose(self):
        with VerticalScroll(id="details-scroll"):
            yield Static("Loading…" if self.description is None else "", id="details-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.job_name
        if self.description is not None:
            self.show(self.description)
        self.action_reload()
        self.set_interval(self.interval, self._tick)

    def _tick(self) -> None:
        if self.description is None or still_changing(self.description):
            self.action_reload()

    def action_reload(self) -> None:
        """Describe the job again."""
        self.run_worker(self._describe(), group="describe", exclusive=True)

    async def _describe(self) -> None:
        try:
            await self.describe(self.job_name)  # the answer comes back as JobWasDescribed
        except Exception as exc:
            self._body(Text(f"Could not describe {self.job_name}: {sentence(exc)}", style="red"))

    def show(self, description: Mapping[str, Any]) -> None:
        """Redraw from a DescribeTrainingJob answer."""
        self.description = description
        styles = status_styles(self.app.get_css_variables())  # the table's colours, from the theme
        self._body(render_description(description, self.clock(), styles))

    def _body(self, content: object) -> None:
        # query, not query_one: an answer may land while the screen is being closed
        for body in self.query("#details-body").results(Static):
            body.update(content)
