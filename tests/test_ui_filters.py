"""The filter bar: each input becomes the right ListTrainingJobs parameter and rows; invalid input is never sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select
from ui_support import make_app, names, settled, truth_names, wait_for

from smtui.ui.filter_bar import resolve_plan
from smtui.query import QueryError
from smtui.timeparse import parse_time


FLEET_JOBS = 200
"""Jobs in the fleet the ui_sim fixture serves."""


def request_with(recorder, member):
    return [r for r in recorder.requests if member in r]


async def filtered(pilot, recorder, widget, value, member):
    """Set a filter widget's value once the app has settled; the listing parameters it produced."""
    app = pilot.app
    await settled(pilot)
    recorder.requests.clear()
    app.filter_bar.query_one(f"#{widget}").value = value
    return await listed_with(pilot, recorder, member)


async def listed_with(pilot, recorder, member):
    """Wait for a completed listing carrying member; return its parameters (without paging)."""
    app = pilot.app
    await wait_for(pilot, lambda: request_with(recorder, member), what=member)
    await wait_for(pilot, lambda: app.feed.refreshing is None and app.feed.query == app.filter_bar.query,
                   what="the listing")
    await pilot.pause()
    params = dict(request_with(recorder, member)[-1])
    params.pop("NextToken", None)
    params.pop("MaxResults", None)
    return params


async def test_name_filter_by_typing(ui_sim):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        assert app.focused.id == "name"
        await pilot.press(*"XGBoost")
        params = await listed_with(pilot, recorder, "NameContains")
        assert params["NameContains"] == "XGBoost"
        assert set(names(app)) == set(truth_names(fleet, params)) != set()
        assert all("xgboost" in n for n in names(app))
        await pilot.press("enter")
        assert app.focused is app.table


@pytest.mark.parametrize("widget, value, member", [
    ("status", "Failed", "StatusEquals"),
    ("pool", "Available", "WarmPoolStatusEquals"),
    ("sort-by", "Name", "SortBy"),
])
async def test_select_filters(ui_sim, widget, value, member):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        params = await filtered(pilot, recorder, widget, value, member)
        assert params[member] == value
        assert set(names(app)) == set(truth_names(fleet, params))
        if member == "SortBy":
            assert app.table.sort_column == "name"


@pytest.mark.parametrize("widget, text, member, delta", [
    ("created-after", "3h", "CreationTimeAfter", timedelta(hours=-3)),
    ("created-before", "2026-03-02T08:00Z", "CreationTimeBefore", None),
    ("modified-after", "45m", "LastModifiedTimeAfter", timedelta(minutes=-45)),
    ("modified-before", "2026-03-02T09:00:00", "LastModifiedTimeBefore", None),
])
async def test_time_filters(ui_sim, widget, text, member, delta):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        params = await filtered(pilot, recorder, widget, text, member)
        expected = fleet.clock.now() + delta if delta else parse_time(text).absolute
        assert params[member] == pytest.approx(expected.timestamp(), abs=1)
        shown = set(names(app))
        assert shown == set(truth_names(fleet, params)) and shown


async def test_plan_by_short_name(ui_sim):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        assert app.filter_bar.plans, "the fleet has jobs under training plans"
        arn = sorted(app.filter_bar.plans)[0]
        short = arn.rsplit("/", 1)[-1]
        plan = app.filter_bar.query_one("#plan", Input)
        plan.focus()
        await pilot.press(*short[:6])
        params = await listed_with(pilot, recorder, "TrainingPlanArnEquals")
        assert params["TrainingPlanArnEquals"] == arn
        assert set(names(app)) == set(truth_names(fleet, params)) != set()
        assert all(app.table.jobs[n].training_plan_arn == arn for n in names(app))


@pytest.mark.parametrize("widget, text", [
    ("name", "bad_name!"),
    ("name", "x" * 64),
    ("plan", "no-such-plan"),
    ("plan", "arn:aws:sagemaker:us-east-1:123:not-a-plan"),
    ("created-after", "yesterday"),
])
async def test_invalid_input_is_shown_and_not_sent(ui_sim, widget, text):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        shown = names(app)
        recorder.requests.clear()
        query = app.feed.query
        field = app.filter_bar.query_one(f"#{widget}", Input)
        field.value = text
        await wait_for(pilot, lambda: field.has_class("-invalid"), what="the invalid mark")
        assert field.tooltip and app.filter_bar.problem
        assert "Not sent" in str(app.filter_bar.query_one("#filter-message").render())
        await pilot.pause(0.3)
        assert app.feed.query == query
        assert recorder.requests == []
        assert names(app) == shown
        field.value = ""  # fixing it clears the mark
        await wait_for(pilot, lambda: not field.has_class("-invalid"), what="the mark to clear")


def test_resolve_plan():
    plans = ["arn:aws:sagemaker:us-east-1:1:training-plan/p5-a", "arn:aws:sagemaker:us-east-1:1:training-plan/p5-b"]
    assert resolve_plan("p5-a", plans) == plans[0]
    assert resolve_plan(plans[1], []) == plans[1]
    with pytest.raises(QueryError, match="matches 2"):
        resolve_plan("p5", plans)
    with pytest.raises(QueryError, match="full ARN"):
        resolve_plan("p4", plans)


async def test_prefilled_from_settings(ui_sim):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet, name_contains="bert", status_equals="Completed")
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        assert app.filter_bar.query_one("#name", Input).value == "bert"
        assert app.filter_bar.query_one("#status", Select).value == "Completed"
        assert all(r["NameContains"] == "bert" and r["StatusEquals"] == "Completed" for r in recorder.requests)
        assert set(names(app)) == set(truth_names(fleet, {"NameContains": "bert", "StatusEquals": "Completed"}))
