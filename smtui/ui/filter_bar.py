"""FilterBar: one input per ListTrainingJobs request parameter, validated, debounced into a JobQuery."""

from __future__ import annotations

from typing import Any, ClassVar, Iterable

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from ..jobs import plan_name
from ..query import JobQuery, QueryError, build_query
from ..servicemodel import enum_values

DEBOUNCE = 0.4

# widget id -> JobQuery attribute
INPUTS = {
    "name": "name_contains",
    "plan": "training_plan_arn_equals",
    "created-after": "creation_time_after",
    "created-before": "creation_time_before",
    "modified-after": "last_modified_time_after",
    "modified-before": "last_modified_time_before",
}
SELECTS = {
    "status": "status_equals",
    "pool": "warm_pool_status_equals",
    "sort-by": "sort_by",
    "sort-order": "sort_order",
}
PLACEHOLDERS = {
    "name": "name contains  (/)",
    "plan": "training plan (name or ARN)",
    "created-after": "created after (7d, ISO)",
    "created-before": "created before",
    "modified-after": "modified after",
    "modified-before": "modified before",
}


def resolve_plan(value: str, plans: Iterable[str]) -> str:
    """A full training-plan ARN from an ARN or an unambiguous (prefix of a) plan name seen; QueryError otherwise."""
    value = value.strip()
    if not value or value.startswith("arn:"):
        return value
    plans = sorted(set(plans))
    exact = [a for a in plans if plan_name(a) == value]
    found = exact or [a for a in plans if plan_name(a).startswith(value)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise QueryError(f"No training plan seen so far is called {value!r}; type its full ARN.")
    names = ", ".join(plan_name(a) for a in found[:4])
    raise QueryError(f"{value!r} matches {len(found)} training plans ({names}); type more of the name.")


class PlanSuggester(Suggester):
    """Completes plan names and ARNs from the plans seen so far."""

    def __init__(self, plans: set[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.plans = plans

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        for arn in sorted(self.plans):
            for candidate in (plan_name(arn), arn):
                if candidate.startswith(value) and candidate != value:
                    return candidate
        return None


class FilterBar(Widget):
    """Two compact rows of filters and a line for what is wrong with them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Back to table", show=False),
    ]

    class QueryChanged(Message):
        """The filters form a new, valid query."""

        def __init__(self, query: JobQuery) -> None:
            super().__init__()
            self.query = query

    class Done(Message):
        """The user is done editing: focus the table."""

    def __init__(self, query: JobQuery, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base = query
        self.query = query
        """The last valid query sent."""
        self.plans: set[str] = set()
        """Training-plan ARNs seen so far (suggestions, short names)."""
        self.problem: str | None = None
        self._timer = None

    def compose(self):
        q = self.base

        def text(attr: str) -> str:
            value = getattr(q, attr)
            return "" if value is None else str(value)

        def select(wid: str, options: Iterable[str], prompt: str, blank: bool = True) -> Select:
            value = getattr(q, SELECTS[wid]) or Select.NULL
            return Select([(o, o) for o in options], prompt=prompt, value=value, allow_blank=blank,
                          compact=True, id=wid)

        def field(wid: str) -> Input:
            suggester = PlanSuggester(self.plans) if wid == "plan" else None
            return Input(text(INPUTS[wid]), placeholder=PLACEHOLDERS[wid], compact=True, id=wid,
                         suggester=suggester)

        with Horizontal(classes="filter-row"):
            yield field("name")
            yield select("status", enum_values("StatusEquals"), "any status")
            yield select("pool", enum_values("WarmPoolStatusEquals"), "any warm pool")
            yield field("plan")
            yield select("sort-by", enum_values("SortBy"), "sort by", blank=False)
            yield select("sort-order", enum_values("SortOrder"), "order", blank=False)
        with Horizontal(classes="filter-row"):
            for wid in ("created-after", "created-before", "modified-after", "modified-before"):
                yield field(wid)
            yield Static("", id="filter-message")

    # -- reading and checking the inputs -------------------------------------------------------------
    def raw_inputs(self) -> dict[str, Any]:
        """Every filter's raw value by JobQuery attribute ('' or None when unset)."""
        out: dict[str, Any] = {}
        for wid, attr in INPUTS.items():
            out[attr] = self.query_one(f"#{wid}", Input).value.strip()
        for wid, attr in SELECTS.items():
            value = self.query_one(f"#{wid}", Select).value
            out[attr] = None if value is Select.NULL else value
        return out

    def check(self) -> tuple[JobQuery | None, dict[str, str]]:
        """The query the inputs make, or None, and each invalid widget id's reason."""
        raw = self.raw_inputs()
        bad: dict[str, str] = {}
        ids = {**{a: w for w, a in INPUTS.items()}, **{a: w for w, a in SELECTS.items()}}
        if raw["training_plan_arn_equals"]:
            try:
                raw["training_plan_arn_equals"] = resolve_plan(raw["training_plan_arn_equals"], self.plans)
            except QueryError as exc:
                bad["plan"] = str(exc)
        for attr, value in raw.items():
            if ids[attr] in bad or value in (None, ""):
                continue
            try:
                build_query({attr: value})
            except QueryError as exc:
                bad[ids[attr]] = str(exc)
        if bad:
            return None, bad
        raw.update(page_size=self.base.page_size, max_items=self.base.max_items)
        try:
            return build_query(raw), {}
        except QueryError as exc:
            return None, {"name": str(exc)}

    def show_problems(self, bad: dict[str, str]) -> None:
        """Mark invalid inputs with their reason; the message line shows the first."""
        for wid in (*INPUTS, *SELECTS):
            widget = self.query_one(f"#{wid}")
            widget.set_class(wid in bad, "-invalid")
            widget.tooltip = bad.get(wid)
        self.problem = next(iter(bad.values()), None)
        message = self.query_one("#filter-message", Static)
        message.update(f"⚠ {self.problem} Not sent." if self.problem else self._hint())
        message.set_class(bool(self.problem), "-problem")

    def _hint(self) -> str:
        plan = self.query.training_plan_arn_equals
        typed = self.query_one("#plan", Input).value.strip()
        if plan and typed and typed != plan:
            return f"plan = {plan}"
        return ""

    # -- events ----------------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.schedule()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.schedule()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply()
        self.post_message(self.Done())

    def schedule(self) -> None:
        """Apply the filters once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.apply)

    def apply(self) -> None:
        """Check the inputs; send the query if it is valid and new, else show why not."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query, bad = self.check()
        if query is not None and query != self.query:
            self.query = query
            self.post_message(self.QueryChanged(query))
        self.show_problems(bad)

    def action_done(self) -> None:
        self.apply()
        self.post_message(self.Done())

    def add_plans(self, arns: Iterable[str]) -> None:
        """Remember plan ARNs seen (for suggestions and short names)."""
        self.plans.update(a for a in arns if a)
